import Foundation

/// When in a week a pool has nobody on working hours, and how to say it briefly.
public enum PoolCoverage {
    /// For each minute of the week on `zone`'s wall clock (Monday 00:00 = 0), whether no member works then.
    /// The week is the one containing `weekStarting`, so real offsets (summer time) apply. Absences are ignored.
    static func uncoveredMinutes(of members: [Owner], zone: ZoneClock, weekStarting: Date) -> [Bool] {
        let local = zone.local(weekStarting)
        let monday = (local.daysSinceEpoch - local.weekday) * 86_400
        var uncovered = [Bool](repeating: false, count: WeeklyHours.minutesPerWeek)
        for m in 0..<WeeklyHours.minutesPerWeek {
            let instant = zone.instant(of: LocalTime(secondsSinceEpoch: monday + m * 60))
            uncovered[m] = !members.contains { $0.hours.contains(minuteOfWeek: $0.zone.local(instant).minuteOfWeek) }
        }
        return uncovered
    }

    /// Working days ("2026-12-25") on which every member is on holiday, in order. A day counts when some
    /// member would work that weekday; weekends everyone has off are the weekly warning's business.
    static func sharedHolidays(of members: [Owner]) -> [String] {
        var shared: Set<Int>?
        for member in members {
            var days = Set<Int>()
            for holiday in member.holidays {
                let first = member.zone.local(holiday.span.start).daysSinceEpoch
                let last = member.zone.local(holiday.span.end.addingTimeInterval(-1)).daysSinceEpoch
                if first <= last { days.formUnion(first...last) }
            }
            shared = shared.map { $0.intersection(days) } ?? days
            if shared?.isEmpty == true { return [] }
        }
        return (shared ?? []).sorted().compactMap { day in
            let weekday = LocalTime(secondsSinceEpoch: day * 86_400).weekday
            let works = members.contains { m in (0..<1_440).contains { m.hours.contains(minuteOfWeek: weekday * 1_440 + $0) } }
            return works ? LocalTime(secondsSinceEpoch: day * 86_400).dateText : nil
        }
    }

    /// "Mon-Fri 00:00-15:00 and 23:00-24:00, Sat-Sun all day": days with the same gaps share one phrase.
    static func describe(_ uncovered: [Bool]) -> String {
        var groups: [(days: [Int], gaps: [Range<Int>])] = []
        for day in 0..<7 {
            let gaps = runs(uncovered[(day * 1_440)..<((day + 1) * 1_440)].map { $0 })
            guard !gaps.isEmpty else { continue }
            if let g = groups.firstIndex(where: { $0.gaps == gaps }) { groups[g].days.append(day) } else { groups.append(([day], gaps)) }
        }
        return groups.map { "\(days($0.days)) \(times($0.gaps))" }.joined(separator: ", ")
    }

    /// Runs of true, as minute ranges.
    private static func runs(_ flags: [Bool]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for (i, flag) in flags.enumerated() {
            if flag, start == nil { start = i }
            if !flag, let s = start { out.append(s..<i); start = nil }
        }
        if let s = start { out.append(s..<flags.count) }
        return out
    }

    /// "Mon-Fri", "Mon,Wed", "Mon-Wed,Sat".
    private static func days(_ days: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count, days[j + 1] == days[j] + 1 { j += 1 }
            let first = LocalTime.weekdayNames[days[i]], last = LocalTime.weekdayNames[days[j]]
            parts.append(i == j ? first : "\(first)-\(last)")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// "all day", "00:00-08:00", "00:00-08:00 and 22:00-24:00", "a, b and c".
    private static func times(_ gaps: [Range<Int>]) -> String {
        if gaps == [0..<1_440] { return "all day" }
        let texts = gaps.map { "\(clock($0.lowerBound))-\(clock($0.upperBound))" }
        return texts.count == 1 ? texts[0] : texts.dropLast().joined(separator: ", ") + " and " + texts.last!
    }

    private static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}

/// A pool with hours of the week when none of its members is at work (or with no active member at all).
public struct PoolGap: Sendable, Hashable {
    public var pool: String
    /// "Mon-Fri 00:00-15:00 and 23:00-24:00, Sat-Sun all day (Europe/Berlin)"; empty with no active member.
    public var hours: String
    public var noActiveMember: Bool

    public init(pool: String, hours: String, noActiveMember: Bool = false) {
        self.pool = pool
        self.hours = hours
        self.noActiveMember = noActiveMember
    }
}

extension PoolCoverage {
    /// Every pool (but `account_owner` ones) with uncovered hours in the week of `weekStarting`, on the
    /// rulebook's clock, in rulebook order. The lint's coverage warnings and the simulation's coverage read this.
    public static func gaps(in rulebook: Rulebook, weekStarting: Date) -> [PoolGap] {
        var gaps: [PoolGap] = []
        for pool in rulebook.pools where pool.method != .accountOwner && !pool.members.isEmpty {
            let members = pool.members.compactMap { rulebook.owner($0) }.filter(\.active)
            guard !members.isEmpty else {
                gaps.append(PoolGap(pool: pool.name, hours: "", noActiveMember: true))
                continue
            }
            let uncovered = uncoveredMinutes(of: members, zone: rulebook.zone, weekStarting: weekStarting)
            guard uncovered.contains(true) else { continue }
            gaps.append(PoolGap(pool: pool.name, hours: "\(describe(uncovered)) (\(rulebook.zone.identifier))"))
        }
        return gaps
    }
}
