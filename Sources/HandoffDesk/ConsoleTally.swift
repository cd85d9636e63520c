import Foundation
import HandoffCore
import HandoffStore

/// The running figures behind console snapshots. Built once from a baseline (totals and open
/// assignments as of one log entry, the handoffs since the earliest owner's midnight, arrivals per
/// minute), then kept current by reading only the entries written since, so a refresh never counts
/// over the leads table.
struct ConsoleTally {
    /// The newest log entry reflected here.
    var latestEvent: Int64
    var byState: [LeadState: Int]
    var flaggedByReason: [ExceptionReason: Int]
    var quarantined: Int
    /// Assigned leads not yet accepted, with the time their accept-by clock starts (their newest entry).
    /// Open assignments: when each lead was given to its owner, and to whom.
    var open: [String: (since: Double, owner: String?)]
    var minutes = MinuteTally()
    /// By owner position in the rulebook.
    var days: [OwnerDay]
    let ownerIndex: [String: Int]
    let zones: [ZoneClock]
    var recent: RecentEvents

    /// `minutesFrom`: the first minute of `baseline.receivedPerMinute`.
    init(baseline: ConsoleBaseline, minutesFrom: Date, rulebook: Rulebook, recentCapacity: Int) {
        latestEvent = baseline.latestEvent
        byState = baseline.counts.byState
        flaggedByReason = baseline.counts.flaggedByReason
        quarantined = baseline.counts.quarantined
        open = Dictionary(baseline.open.map { ($0.leadId, (since: $0.since.timeIntervalSince1970, owner: $0.owner)) }, uniquingKeysWith: { $1 })
        ownerIndex = rulebook.ownerIndex
        zones = rulebook.owners.map(\.zone)
        days = Array(repeating: OwnerDay(), count: rulebook.owners.count)
        recent = RecentEvents(capacity: recentCapacity)
        recent.append(baseline.recent)
        // The handoffs are already in the totals; they only feed the per-minute and per-day figures.
        for fact in baseline.handoffs { observe(fact) }
        let first = MinuteTally.minuteNumber(minutesFrom)
        for (i, n) in baseline.receivedPerMinute.enumerated() { minutes.setReceived(n, minute: first + Int64(i)) }
    }

    /// Where the baseline's handoffs must start so that every owner's day at `now` is complete: the
    /// earliest of their local midnights (and no later than the chart's first minute).
    static func handoffsSince(at now: Date, rulebook: Rulebook) -> Date {
        var start = MinuteTally.firstMinute(at: now).timeIntervalSince1970
        for owner in rulebook.owners { start = min(start, OwnerDay.bounds(of: now.timeIntervalSince1970, in: owner.zone).start) }
        return Date(timeIntervalSince1970: start)
    }

    /// Takes one new log entry into every figure.
    mutating func apply(_ fact: EventFact) {
        if fact.from != fact.to {
            if let from = fact.from { Self.add(-1, to: from, in: &byState) }
            if let to = fact.to { Self.add(1, to: to, in: &byState) }
        }
        if fact.to == .flagged, fact.from != .flagged, let reason = fact.reason.flatMap(ExceptionReason.init(rawValue:)) {
            Self.add(1, to: reason, in: &flaggedByReason)
        }
        if fact.from == .flagged, fact.to != .flagged, let reason = fact.flaggedReason {
            Self.add(-1, to: reason, in: &flaggedByReason)
        }
        if fact.to == .assigned, fact.from != .assigned || Self.assignmentKinds.contains(fact.kind) {
            // A new owner starts a new clock; a note or a reminder on an assigned lead does not.
            open[fact.leadId] = (since: fact.at.timeIntervalSince1970, owner: fact.owner)
        } else if fact.from == .assigned, fact.to != .assigned {
            open.removeValue(forKey: fact.leadId)
        }
        latestEvent = max(latestEvent, fact.seq)
        observe(fact)
    }

    /// The per-minute and per-day figures only.
    private mutating func observe(_ fact: EventFact) {
        minutes.observe(fact)
        guard let owner = fact.owner, let i = ownerIndex[owner] else { return }
        let at = fact.at.timeIntervalSince1970
        if Self.assignmentKinds.contains(fact.kind) {
            days[i].countAssignment(at: at, zone: zones[i])
        } else if fact.kind == .accepted, let assignedAt = fact.assignedAt {
            days[i].countAcceptance(at: at, after: at - assignedAt.timeIntervalSince1970, zone: zones[i])
        }
    }

    /// Assigned leads whose accept-by time passed before `now`.
    /// Open assignments past their accept-by time, counted in each owner's working hours. Working time
    /// only ever stretches a deadline, so only leads older than the wall-clock SLA need the exact count.
    func breaches(at now: Date, rulebook: Rulebook) -> Int {
        guard let within = rulebook.sla?.acceptWithin else { return 0 }
        let cutoff = now.timeIntervalSince1970 - Double(within)
        var count = 0
        for (since, owner) in open.values where since < cutoff {
            if let due = rulebook.acceptBy(owner: owner, route: nil, since: Date(timeIntervalSince1970: since)), due <= now { count += 1 }
        }
        return count
    }

    static let assignmentKinds = EventFact.assignmentKinds

    func counts(events: Int64) -> StoreCounts {
        StoreCounts(byState: byState, flaggedByReason: flaggedByReason, quarantined: quarantined, events: Int(events))
    }

    private static func add<Key: Hashable>(_ delta: Int, to key: Key, in counts: inout [Key: Int]) {
        let n = counts[key, default: 0] + delta
        counts[key] = n == 0 ? nil : n
    }
}

/// Leads received and given to owners per minute over the last hour of the log, in a ring of slots.
struct MinuteTally {
    static let shown = 30
    private static let slots = 64
    private var minute = [Int64](repeating: .min, count: slots)
    private var received = [Int](repeating: 0, count: slots)
    private var assigned = [Int](repeating: 0, count: slots)

    static func minuteNumber(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }

    /// The oldest minute the chart shows at `now`.
    static func firstMinute(at now: Date) -> Date {
        Date(timeIntervalSince1970: Double(minuteNumber(now) - Int64(shown - 1)) * 60)
    }

    mutating func observe(_ fact: EventFact) {
        let isReceived = fact.kind == .received
        // Given to an owner: by the router, an approval, a reassignment or a reroute.
        let isAssigned = ConsoleTally.assignmentKinds.contains(fact.kind)
        guard isReceived || isAssigned, let slot = slot(for: Self.minuteNumber(fact.at)) else { return }
        if isReceived { received[slot] += 1 }
        if isAssigned { assigned[slot] += 1 }
    }

    mutating func setReceived(_ n: Int, minute m: Int64) {
        if let slot = slot(for: m) { received[slot] = n }
    }

    /// The slot holding minute `m`, emptied when it held an older minute; nil when `m` is older than
    /// the ring remembers.
    private mutating func slot(for m: Int64) -> Int? {
        let slot = Int(((m % Int64(Self.slots)) + Int64(Self.slots)) % Int64(Self.slots))
        if minute[slot] != m {
            guard m > minute[slot] else { return nil }
            minute[slot] = m
            received[slot] = 0
            assigned[slot] = 0
        }
        return slot
    }

    /// The last `shown` minutes, oldest first, ending with the minute of `now`.
    func chart(at now: Date) -> [MinuteCount] {
        let last = Self.minuteNumber(now)
        return (last - Int64(Self.shown - 1)...last).map { m in
            let slot = Int(((m % Int64(Self.slots)) + Int64(Self.slots)) % Int64(Self.slots))
            let hit = minute[slot] == m
            return MinuteCount(minute: Date(timeIntervalSince1970: Double(m) * 60), received: hit ? received[slot] : 0, assigned: hit ? assigned[slot] : 0)
        }
    }
}

/// One owner's day so far, on their own clock: leads given to them and how long they took to accept.
struct OwnerDay {
    /// The local midnight that began the day counted, and the next one.
    private(set) var start = -Double.infinity
    private(set) var end = -Double.infinity
    private(set) var assigned = 0
    private(set) var acceptSeconds: [Double] = []

    /// The local day holding `instant`, as instants.
    static func bounds(of instant: Double, in zone: ZoneClock) -> (start: Double, end: Double) {
        let day = zone.local(Date(timeIntervalSince1970: instant)).daysSinceEpoch
        return (zone.instant(of: LocalTime(secondsSinceEpoch: day * 86_400)).timeIntervalSince1970,
                zone.instant(of: LocalTime(secondsSinceEpoch: (day + 1) * 86_400)).timeIntervalSince1970)
    }

    /// Moves to the day of `instant` when it is a later one; false when `instant` is before the day counted.
    private mutating func reach(_ instant: Double, zone: ZoneClock) -> Bool {
        if instant >= end {
            (start, end) = Self.bounds(of: instant, in: zone)
            assigned = 0
            acceptSeconds = []
        }
        return instant >= start
    }

    mutating func countAssignment(at instant: Double, zone: ZoneClock) {
        if reach(instant, zone: zone) { assigned += 1 }
    }

    mutating func countAcceptance(at instant: Double, after seconds: Double, zone: ZoneClock) {
        if reach(instant, zone: zone) { acceptSeconds.append(seconds) }
    }

    /// Whether the day counted is the owner's day at `now`.
    func isToday(_ now: Date) -> Bool {
        let t = now.timeIntervalSince1970
        return t >= start && t < end
    }

    func assignedToday(at now: Date) -> Int { isToday(now) ? assigned : 0 }

    func acceptMedian(at now: Date) -> TimeInterval? {
        guard isToday(now), !acceptSeconds.isEmpty else { return nil }
        let sorted = acceptSeconds.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// The newest log entries in full, for the activity list.
struct RecentEvents {
    private(set) var capacity: Int
    private var events: [LeadEvent] = []

    init(capacity: Int) { self.capacity = max(capacity, 0) }

    mutating func append(_ newer: [LeadEvent]) {
        events += newer.suffix(capacity)
        if events.count > capacity * 2 || (capacity == 0 && !events.isEmpty) { events.removeFirst(events.count - capacity) }
    }

    /// The newest `limit`, oldest first.
    func newest(_ limit: Int) -> [LeadEvent] { Array(events.suffix(min(max(limit, 0), capacity))) }
}
