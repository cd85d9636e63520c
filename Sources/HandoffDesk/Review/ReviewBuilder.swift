import Foundation
import HandoffCore
import HandoffStore

/// Turns the log's facts about a window into a `Review`. Pure: the same facts and rulebooks give the
/// same figures.
public struct ReviewBuilder: Sendable {
    /// Rulebooks by version, for pool members, weights and capacities.
    public var rulebooks: [String: Rulebook]
    /// What the store recorded about each version (name, when first loaded), oldest first.
    public var recorded: [StoredRulebook]
    /// The version whose pools the figures over all versions use: the one in force, else the newest recorded.
    public var current: String?

    public init(rulebooks: [String: Rulebook], recorded: [StoredRulebook], current: String? = nil) {
        self.rulebooks = rulebooks
        self.recorded = recorded
        self.current = current ?? recorded.last?.version
    }

    /// Operators' corrections: a reassignment by anyone but the router, the SLA timer or the owner.
    public static func isPerson(_ actor: String) -> Bool {
        actor != "router" && actor != Desk.slaActor && !actor.hasPrefix("owner:")
    }

    public func build(_ facts: ReviewFacts) -> Review {
        let all = figures(facts, rulebook: -1, pools: current.flatMap { rulebooks[$0] })
        var versions: [Int32: Int] = [:]
        for lead in facts.leads where lead.rulebook >= 0 { versions[lead.rulebook, default: 0] += 1 }
        let order = Dictionary(uniqueKeysWithValues: recorded.enumerated().map { ($1.version, $0) })
        let byRulebook = versions.keys
            .map { (index: $0, version: facts.name($0) ?? "") }
            .sorted { (order[$0.version] ?? .max, $0.version) < (order[$1.version] ?? .max, $1.version) }
            .map { entry in
                let stored = recorded.first { $0.version == entry.version }
                return RulebookFigures(version: entry.version, name: stored?.name, loadedAt: stored?.loadedAt,
                                       figures: figures(facts, rulebook: entry.index, pools: rulebooks[entry.version]))
            }
        return Review(start: facts.start, end: facts.end, all: all, byRulebook: byRulebook)
    }

    /// The figures for the leads one rulebook decided (`rulebook` -1: every lead).
    func figures(_ facts: ReviewFacts, rulebook: Int32, pools: Rulebook?) -> ReviewFigures {
        var out = ReviewFigures()
        let chosen = { (lead: ReviewFacts.LeadFacts) in rulebook < 0 || lead.rulebook == rulebook }
        var toOwner: [Double] = [], toAccept: [Double] = []
        var byReason: [ExceptionReason: Int] = [:]
        var routes: [Int32: (decided: Int, exceptions: Int)] = [:]
        var sla: [Int32: (assigned: Int, breached: Int, flagged: Int, rerouted: Int)] = [:]
        var arrivals = ArrivalBuckets(start: facts.start, end: facts.end)
        for lead in facts.leads where chosen(lead) {
            out.leads += 1
            if !lead.receivedAt.isNaN { arrivals.add(lead.receivedAt) }
            if !lead.firstOwnerAt.isNaN, !lead.receivedAt.isNaN { toOwner.append(max(lead.firstOwnerAt - lead.receivedAt, 0)) }
            if !lead.acceptedAt.isNaN, !lead.lastHandoffAt.isNaN { toAccept.append(max(lead.acceptedAt - lead.lastHandoffAt, 0)) }
            guard lead.rulebook >= 0 || lead.exception != nil || !lead.firstOwnerAt.isNaN else { continue }
            out.decided += 1
            routes[lead.route, default: (0, 0)].decided += 1
            if let reason = lead.exception {
                out.exceptions += 1
                byReason[reason, default: 0] += 1
                routes[lead.route, default: (0, 0)].exceptions += 1
            }
            if !lead.firstOwnerAt.isNaN {
                var entry = sla[lead.pool, default: (0, 0, 0, 0)]
                entry.assigned += 1
                if lead.breached || lead.rerouted { entry.breached += 1 }
                if lead.breached { entry.flagged += 1 }
                if lead.rerouted { entry.rerouted += 1 }
                sla[lead.pool] = entry
            }
        }
        out.arrivals = arrivals.arrivals
        out.intakeToOwner = Self.durations(toOwner)
        out.ownerToAcceptance = Self.durations(toAccept)
        out.exceptionRate = Self.rate(out.exceptions, out.decided)
        out.exceptionsByReason = byReason
            .map { ReasonCount(reason: $0.key.code, count: $0.value, rate: Self.rate($0.value, out.decided)) }
            .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
        out.exceptionsByRoute = routes
            .map { RouteExceptions(route: facts.name($0.key), decided: $0.value.decided, exceptions: $0.value.exceptions,
                                   rate: Self.rate($0.value.exceptions, $0.value.decided)) }
            .sorted { ($1.exceptions, $1.decided, $0.route ?? "") < ($0.exceptions, $0.decided, $1.route ?? "") }
        out.slaByPool = sla
            .compactMap { entry -> PoolSLA? in
                guard let pool = facts.name(entry.key) else { return nil }
                let v = entry.value
                return PoolSLA(pool: pool, assigned: v.assigned, breached: v.breached, flagged: v.flagged, rerouted: v.rerouted,
                               rate: Self.rate(v.breached, v.assigned))
            }
            .sorted { ($1.rate, $0.pool) < ($0.rate, $1.pool) }
        out.slaAssigned = sla.values.reduce(0) { $0 + $1.assigned }
        out.slaBreached = sla.values.reduce(0) { $0 + $1.breached }
        out.slaBreachRate = Self.rate(out.slaBreached, out.slaAssigned)
        out.overrides = overrides(facts, chosen: chosen, routes: routes)
        (out.owners, out.fairness) = load(facts, rulebook: rulebook, pools: pools)
        return out
    }

    private func overrides(_ facts: ReviewFacts, chosen: (ReviewFacts.LeadFacts) -> Bool,
                           routes: [Int32: (decided: Int, exceptions: Int)]) -> [RouteOverrides] {
        struct Pair: Hashable { var from: String?; var to: String }
        var byRoute: [Int32: (count: Int, leads: Set<Int>, pairs: [Pair: Int])] = [:]
        for r in facts.reassignments where Self.isPerson(r.actor) && chosen(facts.leads[r.lead]) {
            let route = facts.leads[r.lead].route
            var entry = byRoute[route, default: (0, [], [:])]
            entry.count += 1
            entry.leads.insert(r.lead)
            entry.pairs[Pair(from: r.from, to: r.to), default: 0] += 1
            byRoute[route] = entry
        }
        return byRoute.map { route, entry in
            let top = entry.pairs.max { ($0.value, $1.key.from ?? "", $1.key.to) < ($1.value, $0.key.from ?? "", $0.key.to) }
            let decided = routes[route]?.decided ?? 0
            return RouteOverrides(route: facts.name(route), decided: decided, reassignments: entry.count,
                                  rate: Self.rate(entry.leads.count, decided),
                                  mostCommon: top.map { Correction(from: $0.key.from, to: $0.key.to, count: $0.value) })
        }
        .sorted { ($1.reassignments, $0.route ?? "") < ($0.reassignments, $1.route ?? "") }
    }

    /// Hand-offs per owner and pool against the pool's weights, open load against capacity, and each pool's Gini.
    private func load(_ facts: ReviewFacts, rulebook: Int32, pools: Rulebook?) -> ([OwnerLoad], [PoolFairness]) {
        var given: [String: [String: Int]] = [:]
        for (key, n) in facts.assignments where rulebook < 0 || key.rulebook == rulebook {
            guard let pool = facts.name(key.pool), let owner = facts.name(key.owner) else { continue }
            given[pool, default: [:]][owner, default: 0] += n
        }
        var owners: [OwnerLoad] = [], fairness: [PoolFairness] = []
        for pool in given.keys.sorted() {
            let counts = given[pool]!
            let members = pools?.pools.first { $0.name == pool }?.members ?? []
            let weights = Dictionary(members.map { id in (id, pools?.owners.first { $0.id == id }?.weight ?? 1) }, uniquingKeysWith: { a, _ in a })
            let totalWeight = weights.values.reduce(0, +)
            let total = counts.values.reduce(0, +)
            let everyone = members + counts.keys.filter { !members.contains($0) }.sorted()
            for owner in everyone {
                let n = counts[owner] ?? 0
                owners.append(OwnerLoad(
                    owner: owner, pool: pool, assignments: n, share: Self.rate(n, total),
                    weightShare: weights[owner].map { Self.rate($0, totalWeight) },
                    open: facts.openLoad[owner] ?? 0, capacity: pools?.owners.first { $0.id == owner }?.capacity))
            }
            fairness.append(PoolFairness(pool: pool, assignments: total, members: everyone.count,
                                         gini: Self.gini(everyone.map { counts[$0] ?? 0 })))
        }
        return (owners, fairness)
    }

    static func rate(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    /// Nearest-rank percentiles: the smallest value with at least p% of the values at or below it.
    public static func durations(_ values: [Double]) -> Durations {
        var out = Durations()
        out.count = values.count
        guard !values.isEmpty else { return out }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double { sorted[max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0)] }
        out.p50 = rank(0.5)
        out.p90 = rank(0.9)
        out.p99 = rank(0.99)
        out.max = sorted.last
        for v in sorted { out.histogram[DurationBuckets.index(of: v)] += 1 }
        return out
    }

    /// 0 when shares are equal, (n-1)/n when one member has them all; 0 for no hand-offs.
    public static func gini(_ counts: [Int]) -> Double {
        let sorted = counts.sorted()
        let total = sorted.reduce(0, +)
        guard total > 0, sorted.count > 1 else { return 0 }
        let weighted = sorted.enumerated().reduce(0.0) { $0 + Double($1.offset + 1) * Double($1.element) }
        let n = Double(sorted.count)
        return 2 * weighted / (n * Double(total)) - (n + 1) / n
    }
}

/// Arrivals counted into at most 48 buckets of a round size that covers the window.
struct ArrivalBuckets {
    static let sizes = [60, 300, 900, 1_800, 3_600, 10_800, 21_600, 43_200, 86_400, 604_800]
    let start: Double
    let size: Int
    var counts: [Int]

    init(start: Date, end: Date) {
        let span = max(end.timeIntervalSince(start), 1)
        size = Self.sizes.first { span / Double($0) <= 48 } ?? Self.sizes.last!
        self.start = start.timeIntervalSince1970
        counts = Array(repeating: 0, count: Int((span / Double(size)).rounded(.up)))
    }

    mutating func add(_ at: Double) {
        let i = Int((at - start) / Double(size))
        if i >= 0, i < counts.count { counts[i] += 1 }
    }

    var arrivals: Arrivals { Arrivals(bucketSeconds: size, counts: counts) }
}
