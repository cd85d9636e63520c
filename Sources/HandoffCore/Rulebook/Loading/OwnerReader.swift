import Foundation
import Yams

extension RulebookReader {
    static let ownerKeys = ["id", "name", "email", "timezone", "hours", "capacity", "weight", "active", "out_of_office", "holidays", "crm"]
    static let ownerExample = "{id: ana, hours: \"Mon-Fri 09:00-17:00\"}"

    /// Owners in file order; ids are checked for uniqueness.
    mutating func readOwners(_ node: Node?, defaultZone: ZoneClock, calendars: [String: [HolidayDays]] = [:]) -> [Owner] {
        guard let node, let items = list(node, "owners", example: "[\(Self.ownerExample)]") else { return [] }
        var owners: [Owner] = []
        for item in items {
            if let owner = readOwner(item, defaultZone: defaultZone, calendars: calendars) { owners.append(owner) }
        }
        return owners
    }

    private mutating func readOwner(_ node: Node, defaultZone: ZoneClock, calendars: [String: [HolidayDays]]) -> Owner? {
        guard let f = fields(node, "owner", allowed: Self.ownerKeys, example: Self.ownerExample),
              let idNode = required(f, "id", "an owner", example: Self.ownerExample),
              let id = text(idNode, "owner id")
        else { return nil }
        if let first = spots.owners[id] {
            log.error("duplicate owner id '\(id)'; it was first used on line \(first.line)", at: idNode.spot)
            return nil
        }
        spots.owners[id] = node.spot
        let what = "owner '\(id)'"
        var owner = Owner(id: id, name: id, zone: defaultZone)
        if let n = f["name"], let name = text(n, "\(what) name") { owner.name = name }
        if let n = f["email"], let email = text(n, "\(what) email") {
            if EmailCheck.isValid(email) { owner.email = email.lowercased() } else {
                log.error("\(what) has an invalid email '\(email)'; write e.g. ana@example.com", at: n.spot)
            }
        }
        if let n = f["timezone"], let zone = zone(n, "\(what) timezone") { owner.zone = zone }
        if let n = f["hours"], let hours = workingHours(n, what) { owner.hours = hours }
        if let n = f["capacity"] {
            owner.capacity = positiveInt(n, "\(what) capacity", atMost: Owner.maximumCapacity, hint: " (leave it out for no limit)")
        }
        if let n = f["weight"], let weight = positiveInt(n, "\(what) weight", atMost: Owner.maximumWeight) { owner.weight = weight }
        if let n = f["active"], let active = bool(n, "\(what) active") { owner.active = active }
        if let n = f["out_of_office"] { owner.outOfOffice = absences(n, what, zone: owner.zone) }
        if let n = f["holidays"] { owner.holidays = ownerHolidays(n, what, calendars: calendars, zone: owner.zone) }
        if let n = f["crm"] { owner.crm = crmIds(n, what) }
        return owner
    }

    private static let crmExample = "{hubspot: \"12345678\", salesforce: \"005Dn000001AbCdIAK\"}"

    /// The owner's user id in each CRM Handoff writes owners back to.
    private mutating func crmIds(_ node: Node, _ what: String) -> [CRM: String] {
        let context = "crm of \(what)"
        guard let f = fields(node, context, allowed: CRM.allCases.map(\.rawValue), example: Self.crmExample) else { return [:] }
        var ids: [CRM: String] = [:]
        for crm in CRM.allCases {
            guard let n = f[crm.rawValue], let id = text(n, "\(crm.rawValue) id in \(context)") else { continue }
            if let problem = crm.problem(ownerId: id) {
                log.error("'\(id)' in \(context): \(problem)", at: n.spot)
            } else {
                ids[crm] = id
            }
        }
        return ids
    }

    private mutating func workingHours(_ node: Node, _ what: String) -> WeeklyHours? {
        guard let s = text(node, "\(what) hours") else { return nil }
        do {
            return try WeeklyHours(parsing: s)
        } catch {
            log.error("bad hours for \(what): \(error.message)", at: node.spot)
            return nil
        }
    }

    /// One `{from, until}` or a list of them.
    private mutating func absences(_ node: Node, _ what: String, zone: ZoneClock) -> [Absence] {
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [node] }
        return items.compactMap { absence($0, what, zone: zone) }
    }

    private static let absenceExample = "{from: 2026-12-20, until: 2027-01-04}"

    private mutating func absence(_ node: Node, _ what: String, zone: ZoneClock) -> Absence? {
        let context = "out_of_office of \(what)"
        guard let f = fields(node, context, allowed: ["from", "until"], example: Self.absenceExample) else { return nil }
        let fromNode = required(f, "from", context, example: Self.absenceExample)
        let untilNode = required(f, "until", context, example: Self.absenceExample)
        guard let fromNode, let untilNode,
              let from = dayOrInstant(fromNode, "from"), let until = dayOrInstant(untilNode, "until")
        else { return nil }
        let absence: Absence
        switch (from, until) {
        case (.day(let a), .day(let b)):
            absence = Absence(from: a, through: b, zone: zone)
        default:
            // A date counts from its first minute for `from` and through its last minute for `until`.
            let start = from.start(in: zone), end = until.end(in: zone)
            let lastDay = zone.local(end.addingTimeInterval(-1)).dateText
            absence = Absence(start: start, end: end, lastDay: lastDay)
        }
        guard absence.end > absence.start else {
            log.error("'until' is before 'from' in \(context); the absence must end after it starts", at: untilNode.spot)
            return nil
        }
        return absence
    }

    private enum DayOrInstant {
        case day(LocalTime)
        case instant(Date)

        func start(in zone: ZoneClock) -> Date {
            switch self {
            case .day(let d): zone.instant(of: d)
            case .instant(let t): t
            }
        }

        func end(in zone: ZoneClock) -> Date {
            switch self {
            case .day(let d): zone.instant(of: LocalTime(secondsSinceEpoch: d.secondsSinceEpoch + 86_400))
            case .instant(let t): t
            }
        }
    }

    /// `2026-12-20` (a local date) or a full ISO 8601 date-time such as `2026-12-20T09:00:00+01:00`.
    private mutating func dayOrInstant(_ node: Node, _ key: String) -> DayOrInstant? {
        guard let s = text(node, "'\(key)'") else { return nil }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d) {
            let day = LocalTime(year: y, month: m, day: d)
            if day.date == (y, m, d) { return .day(day) }
        }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: s) { return .instant(date) }
        }
        log.error("bad date '\(s)' for '\(key)'; write a date such as 2026-12-20 or a date-time such as 2026-12-20T09:00:00+01:00", at: node.spot)
        return nil
    }
}
