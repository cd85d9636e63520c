import Foundation

/// Moments as a rulebook test writes them: ISO 8601 with `Z` or an offset
/// (`2026-11-24T10:00:00+01:00`), or a local time on a named clock (`2026-11-24 10:00 Europe/Berlin`),
/// which is how people think of "Monday morning in Berlin". Every part is checked: no 2026-02-30, no
/// 25:00, no offset beyond 14 hours, and a local time a clock change skips is refused.
public enum MomentText {
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case shape
        case date
        case time
        case offset
        case zone(String)
        case skipped(String)

        public var description: String {
            switch self {
            case .shape: "write it like 2026-11-24T10:00:00Z, 2026-11-24T10:00:00+01:00 or 2026-11-24 10:00 Europe/Berlin"
            case .date: "no such calendar date"
            case .time: "the time of day must be 00:00 to 23:59:59"
            case .offset: "the offset must be between -14:00 and +14:00"
            case .zone(let name): "unknown time zone '\(name)'; use an IANA name such as Europe/Berlin or America/New_York"
            case .skipped(let zone): "that local time does not exist in \(zone) (the clocks changed)"
            }
        }
    }

    public static func parse(_ text: String) -> Result<Date, Problem> {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let m = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,17})?)?(Z|[+-]\d{2}:\d{2})/) {
            guard let local = local(m.1, m.2, m.3, m.4, m.5, m.6) else { return .failure(problem(m.1, m.2, m.3)) }
            let offset: Int
            if m.8 == "Z" {
                offset = 0
            } else {
                let sign = m.8.first == "-" ? -1 : 1
                let hours = Int(m.8.dropFirst().prefix(2))!, minutes = Int(m.8.suffix(2))!
                guard minutes < 60, hours * 60 + minutes <= 14 * 60 else { return .failure(.offset) }
                offset = sign * (hours * 3_600 + minutes * 60)
            }
            let whole = local.secondsSinceEpoch - offset
            // A fraction is read together with the whole seconds, so text written from a Double reads back
            // as that same Double.
            let seconds = m.7.flatMap { whole >= 0 ? Double("\(whole)\($0)") : Double("0\($0)").map { Double(whole) + $0 } } ?? TimeInterval(whole)
            return .success(Date(timeIntervalSince1970: seconds))
        }
        if let m = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))? +([A-Za-z][A-Za-z0-9_+\-\/]*)/) {
            guard let local = local(m.1, m.2, m.3, m.4, m.5, m.6) else { return .failure(problem(m.1, m.2, m.3)) }
            let name = String(m.7)
            guard let zone = ZoneClock(identifier: name) else { return .failure(.zone(name)) }
            let instant = zone.instant(of: local)
            guard zone.local(instant) == local else { return .failure(.skipped(name)) }
            return .success(instant)
        }
        return .failure(.shape)
    }

    private static func local(_ y: Substring, _ mo: Substring, _ d: Substring, _ h: Substring, _ mi: Substring, _ s: Substring?) -> LocalTime? {
        guard let year = Int(y), let month = Int(mo), let day = Int(d), let hour = Int(h), let minute = Int(mi) else { return nil }
        let second = s.flatMap { Int($0) } ?? 0
        guard (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60 else { return nil }
        let midnight = LocalTime(year: year, month: month, day: day)
        guard midnight.date == (year, month, day) else { return nil }
        return LocalTime(secondsSinceEpoch: midnight.secondsSinceEpoch + hour * 3_600 + minute * 60 + second)
    }

    private static func problem(_ y: Substring, _ mo: Substring, _ d: Substring) -> Problem {
        guard let year = Int(y), let month = Int(mo), let day = Int(d), (1...12).contains(month), day >= 1 else { return .date }
        return LocalTime(year: year, month: month, day: day).date == (year, month, day) ? .time : .date
    }
}
