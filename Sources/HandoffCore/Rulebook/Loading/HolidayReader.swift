import Yams

/// Holidays as written: local days, first through last, with a name. Turned into instants per owner,
/// on the owner's own clock, because a team calendar's Christmas starts at each member's midnight.
struct HolidayDays: Sendable, Hashable {
    var first: LocalTime
    var last: LocalTime
    var name: String
}

extension RulebookReader {
    static let holidayExample = "{germany: [2026-12-24, {date: 2026-12-25, name: Christmas Day}, 2026-12-31..2027-01-01]}"

    /// `holidays:` at the top: calendar name -> its days. Owners name calendars; the days are theirs too.
    mutating func readHolidayCalendars(_ node: Node?) -> [String: [HolidayDays]] {
        guard let node, let entries = entries(node, "holidays", example: Self.holidayExample) else { return [:] }
        var calendars: [String: [HolidayDays]] = [:]
        for entry in entries {
            spots.calendars[entry.key] = entry.keyNode.spot
            guard let items = list(entry.value, "holiday calendar '\(entry.key)'", example: "[2026-12-25, 2026-12-26]") else { continue }
            calendars[entry.key] = items.compactMap { holidayDays($0, in: "holiday calendar '\(entry.key)'", defaultName: entry.key) }
        }
        return calendars
    }

    /// An owner's `holidays:`: a calendar name, or a list of calendar names and days of their own.
    mutating func ownerHolidays(_ node: Node, _ what: String, calendars: [String: [HolidayDays]], zone: ZoneClock) -> [Holiday] {
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [node] }
        var days: [HolidayDays] = []
        for item in items {
            if let word = item.scalarText, !item.isNull, HolidayDays.parseRange(word) == nil {
                if let calendar = calendars[word] {
                    days += calendar
                } else {
                    let known = calendars.keys.sorted()
                    let hint = known.isEmpty
                        ? "; define it under 'holidays:' at the top, e.g. holidays: {\(word): [2026-12-25]}"
                        : Suggestion.hint(for: word, in: known)
                    log.error("\(what) names holiday calendar '\(word)', which 'holidays:' does not define" + hint, at: item.spot)
                }
            } else if let own = holidayDays(item, in: "holidays of \(what)", defaultName: "day off") {
                days.append(own)
            }
        }
        return days.map { Holiday(first: $0.first, last: $0.last, name: $0.name, zone: zone) }
    }

    /// `2026-12-25`, `2026-12-24..2026-12-26`, `{date: D, name: N}` or `{from: D, until: D, name: N}`.
    private mutating func holidayDays(_ node: Node, in what: String, defaultName: String) -> HolidayDays? {
        let example = "2026-12-25, 2026-12-24..2026-12-26 or {date: 2026-12-25, name: Christmas Day}"
        if case .mapping = node {
            guard let f = fields(node, "a holiday in \(what)", allowed: ["date", "from", "until", "name"], example: example) else { return nil }
            let name = f["name"].flatMap { text($0, "holiday name") } ?? defaultName
            if let d = f["date"] {
                guard let day = calendarDay(d, "date") else { return nil }
                return HolidayDays(first: day, last: day, name: name)
            }
            guard let fromNode = required(f, "from", "a holiday in \(what) without 'date'", example: "{from: 2026-12-24, until: 2026-12-26}"),
                  let untilNode = required(f, "until", "a holiday in \(what) without 'date'", example: "{from: 2026-12-24, until: 2026-12-26}"),
                  let first = calendarDay(fromNode, "from"), let last = calendarDay(untilNode, "until") else { return nil }
            guard first <= last else {
                log.error("'until' is before 'from' in a holiday in \(what); the holiday must end on or after its first day", at: untilNode.spot)
                return nil
            }
            return HolidayDays(first: first, last: last, name: name)
        }
        guard let s = text(node, "a holiday in \(what)") else { return nil }
        guard let range = HolidayDays.parseRange(s) else {
            log.error("bad holiday '\(s)' in \(what); write \(example)", at: node.spot)
            return nil
        }
        guard range.first <= range.last else {
            log.error("the holiday '\(s)' in \(what) ends before it starts; write the first day, then '..', then the last", at: node.spot)
            return nil
        }
        return HolidayDays(first: range.first, last: range.last, name: defaultName)
    }

    private mutating func calendarDay(_ node: Node, _ key: String) -> LocalTime? {
        guard let s = text(node, "'\(key)'") else { return nil }
        if let day = CalendarDay(s) { return day.start }
        log.error("bad date '\(s)' for '\(key)'; write a date such as 2026-12-25", at: node.spot)
        return nil
    }
}

extension HolidayDays {
    /// "2026-12-25" or "2026-12-24..2026-12-26"; nil for anything else (such as a calendar's name).
    static func parseRange(_ text: String) -> (first: LocalTime, last: LocalTime)? {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2, let first = CalendarDay(parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        guard parts.count == 2 else { return (first.start, first.start) }
        guard let last = CalendarDay(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return (first.start, last.start)
    }
}
