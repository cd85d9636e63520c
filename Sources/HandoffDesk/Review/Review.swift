import Foundation

/// How routing went for the leads received in a window: the figures `handoff report` prints and the
/// console's Insights view shows, for all the window's leads and for each rulebook version that
/// decided some of them. A value, Codable in the shape `report --json` prints (docs/CLI.md).
public struct Review: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date
    public var all: ReviewFigures
    /// One entry per rulebook version that decided leads in the window, oldest first.
    public var byRulebook: [RulebookFigures]

    public var isEmpty: Bool { all.leads == 0 }

    public init(start: Date, end: Date, all: ReviewFigures, byRulebook: [RulebookFigures]) {
        self.start = start
        self.end = end
        self.all = all
        self.byRulebook = byRulebook
    }
}

public struct RulebookFigures: Sendable, Hashable, Codable {
    public var version: String
    public var name: String?
    public var loadedAt: Date?
    public var figures: ReviewFigures

    /// The first 12 digits, as `rules history` shows versions.
    public var shortVersion: String { String(version.prefix(12)) }
}

/// The figures for one set of leads.
public struct ReviewFigures: Sendable, Hashable, Codable {
    /// Leads received in the window, and those of them the router decided.
    public var leads = 0
    public var decided = 0
    public var arrivals = Arrivals()
    public var intakeToOwner = Durations()
    public var ownerToAcceptance = Durations()
    public var exceptions = 0
    public var exceptionRate = 0.0
    public var exceptionsByReason: [ReasonCount] = []
    public var exceptionsByRoute: [RouteExceptions] = []
    public var overrides: [RouteOverrides] = []
    public var slaByPool: [PoolSLA] = []
    /// Over every pool: leads given an owner, and those of them the SLA timer acted on.
    public var slaAssigned = 0
    public var slaBreached = 0
    public var slaBreachRate = 0.0
    public var owners: [OwnerLoad] = []
    public var fairness: [PoolSpread] = []

    public init() {}
}

/// Leads received per bucket of the window, oldest first.
public struct Arrivals: Sendable, Hashable, Codable {
    public var bucketSeconds = 0
    public var counts: [Int] = []

    public init(bucketSeconds: Int = 0, counts: [Int] = []) {
        self.bucketSeconds = bucketSeconds
        self.counts = counts
    }
}

/// Exact percentiles (nearest rank) of a set of durations in seconds, and a histogram of them.
public struct Durations: Sendable, Hashable, Codable {
    public var count = 0
    public var p50: Double?
    public var p90: Double?
    public var p99: Double?
    public var max: Double?
    /// Counts below each of `DurationBuckets.limits`, the last one open-ended.
    public var histogram: [Int] = Array(repeating: 0, count: DurationBuckets.limits.count + 1)

    public init() {}
}

public struct ReasonCount: Sendable, Hashable, Codable {
    public var reason: String
    public var count: Int
    /// Of the decided leads.
    public var rate: Double
}

public struct RouteExceptions: Sendable, Hashable, Codable {
    /// Nil for leads no route matched.
    public var route: String?
    public var decided: Int
    public var exceptions: Int
    public var rate: Double
}

/// How often people reassigned leads a route sent somewhere, and the correction they made most.
public struct RouteOverrides: Sendable, Hashable, Codable {
    public var route: String?
    public var decided: Int
    public var reassignments: Int
    /// Leads reassigned at least once by a person, of the route's decided leads.
    public var rate: Double
    public var mostCommon: Correction?
}

public struct Correction: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String
    public var count: Int
}

public struct PoolSLA: Sendable, Hashable, Codable {
    public var pool: String
    /// Leads given an owner.
    public var assigned: Int
    /// Leads the SLA timer flagged (`sla_breached`) or rerouted, each counted once.
    public var breached: Int
    public var flagged: Int
    public var rerouted: Int
    public var rate: Double
}

public struct OwnerLoad: Sendable, Hashable, Codable {
    public var owner: String
    public var pool: String
    /// Hand-offs to the owner in the pool (assignments, approvals, reassignments, reroutes).
    public var assignments: Int
    /// Of the pool's hand-offs.
    public var share: Double
    /// The owner's weight over the pool members' weights, from the rulebook; nil when not a member.
    public var weightShare: Double?
    /// Open leads now, and the capacity the rulebook gives.
    public var open: Int
    public var capacity: Int?
}

/// How evenly a pool's hand-offs in the window were spread over its members.
public struct PoolSpread: Sendable, Hashable, Codable {
    public var pool: String
    public var assignments: Int
    public var members: Int
    /// Gini coefficient of hand-offs over the pool's members (0 even, towards 1 all to one).
    public var gini: Double
}

/// The histogram's bucket limits in seconds: under a second, ten seconds, ..., a day, then longer.
public enum DurationBuckets {
    public static let limits: [Double] = [1, 10, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400]

    public static func index(of seconds: Double) -> Int {
        limits.firstIndex { seconds < $0 } ?? limits.count
    }

    /// "<1s", "<10s", ..., "<1d", "≥1d".
    public static var labels: [String] {
        limits.map { "<" + DurationWords.short($0) } + ["≥" + DurationWords.short(limits.last!)]
    }
}

/// Durations for people: "42s", "3m10s", "2h05m", "1d4h".
public enum DurationWords {
    public static func short(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if seconds < 10, seconds != seconds.rounded() { return String(format: "%.1fs", seconds) }
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return s % 60 == 0 ? "\(s / 60)m" : String(format: "%dm%02ds", s / 60, s % 60) }
        if s < 86_400 { return s % 3_600 / 60 == 0 ? "\(s / 3_600)h" : String(format: "%dh%02dm", s / 3_600, s % 3_600 / 60) }
        return s % 86_400 / 3_600 == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d\(s % 86_400 / 3_600)h"
    }
}
