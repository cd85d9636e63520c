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
        let tallies = ReviewTally.count(facts)
        let all = figures(facts, tallies[0], rulebook: -1, pools: current.flatMap { rulebooks[$0] })
        let order = Dictionary(recorded.enumerated().map { ($1.version, $0) }, uniquingKeysWith: { a, _ in a })
        let byRulebook = tallies.indices.dropFirst()
            .filter { tallies[$0].leads > 0 }
            .map { (index: Int32($0 - 1), version: facts.name(Int32($0 - 1)) ?? "") }
            .sorted { (order[$0.version] ?? .max, $0.version) < (order[$1.version] ?? .max, $1.version) }
            .map { entry in
                let stored = recorded.first { $0.version == entry.version }
                return RulebookFigures(version: entry.version, name: stored?.name, loadedAt: stored?.loadedAt,
                                       figures: figures(facts, tallies[Int(entry.index) + 1], rulebook: entry.index, pools: rulebooks[entry.version]))
            }
        return Review(start: facts.start, end: facts.end, all: all, byRulebook: byRulebook)
    }

    /// The figures for the leads one rulebook decided (`rulebook` -1: every lead), from their tally.
    func figures(_ facts: ReviewFacts, _ tally: ReviewTally, rulebook: Int32, pools: Rulebook?) -> ReviewFigures {
        var out = ReviewFigures()
        out.leads = tally.leads
        out.decided = tally.decided
        out.exceptions = tally.exceptions
        out.arrivals = Arrivals(bucketSeconds: tally.arrivals.size, counts: tally.arrivals.counts)
        out.intakeToOwner = Self.durations(tally.toOwner)
        out.ownerToAcceptance = Self.durations(tally.toAccept)
        out.exceptionRate = Self.rate(out.exceptions, out.decided)
        out.exceptionsByReason = zip(ExceptionReason.allCases, tally.byReason).filter { $0.1 > 0 }
            .map { ReasonCount(reason: $0.0.code, count: $0.1, rate: Self.rate($0.1, out.decided)) }
            .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
        // Per name index, shifted by one so "none" (-1) has a slot.
        func name(_ slot: Int) -> String? { facts.name(Int32(slot - 1)) }
        out.exceptionsByRoute = tally.routeDecided.indices.filter { tally.routeDecided[$0] > 0 }
            .map { RouteExceptions(route: name($0), decided: tally.routeDecided[$0], exceptions: tally.routeExceptions[$0],
                                   rate: Self.rate(tally.routeExceptions[$0], tally.routeDecided[$0])) }
            .sorted { ($1.exceptions, $1.decided, $0.route ?? "") < ($0.exceptions, $0.decided, $1.route ?? "") }
        out.slaByPool = tally.sla.indices.compactMap { slot -> PoolSLA? in
            let v = tally.sla[slot]
            guard v.assigned > 0, let pool = name(slot) else { return nil }
            return PoolSLA(pool: pool, assigned: v.assigned, breached: v.breached, flagged: v.flagged, rerouted: v.rerouted,
                           rate: Self.rate(v.breached, v.assigned))
        }
        .sorted { ($1.rate, $0.pool) < ($0.rate, $1.pool) }
        out.slaAssigned = tally.sla.reduce(0) { $0 + $1.assigned }
        out.slaBreached = tally.sla.reduce(0) { $0 + $1.breached }
        out.slaBreachRate = Self.rate(out.slaBreached, out.slaAssigned)
        let chosen = { (lead: ReviewFacts.LeadFacts) in rulebook < 0 || lead.rulebook == rulebook }
        out.overrides = overrides(facts, chosen: chosen, decided: { name in
            tally.routeDecided[Int(name) + 1]
        })
        (out.owners, out.fairness) = load(facts, rulebook: rulebook, pools: pools)
        return out
    }

    private func overrides(_ facts: ReviewFacts, chosen: (ReviewFacts.LeadFacts) -> Bool, decided: (Int32) -> Int) -> [RouteOverrides] {
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
            return RouteOverrides(route: facts.name(route), decided: decided(route), reassignments: entry.count,
                                  rate: Self.rate(entry.leads.count, decided(route)),
                                  mostCommon: top.map { Correction(from: $0.key.from, to: $0.key.to, count: $0.value) })
        }
        .sorted { ($1.reassignments, $0.route ?? "") < ($0.reassignments, $1.route ?? "") }
    }

    /// Hand-offs per owner and pool against the pool's weights, open load against capacity, and each pool's Gini.
    private func load(_ facts: ReviewFacts, rulebook: Int32, pools: Rulebook?) -> ([OwnerLoad], [PoolSpread]) {
        var given: [String: [String: Int]] = [:]
        for (key, n) in facts.assignments where rulebook < 0 || key.rulebook == rulebook {
            guard let pool = facts.name(key.pool), let owner = facts.name(key.owner) else { continue }
            given[pool, default: [:]][owner, default: 0] += n
        }
        var owners: [OwnerLoad] = [], fairness: [PoolSpread] = []
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
            fairness.append(PoolSpread(pool: pool, assignments: total, members: everyone.count,
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
        // The rank ceil(p% of n), in integers so no rounding of p * n moves it.
        func rank(_ percent: Int) -> Double { sorted[max((percent * sorted.count + 99) / 100 - 1, 0)] }
        out.p50 = rank(50)
        out.p90 = rank(90)
        out.p99 = rank(99)
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

