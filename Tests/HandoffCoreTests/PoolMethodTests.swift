import Foundation
import Testing
@testable import HandoffCore

/// Distribution methods over many leads, with seeded randomness so every run is the same.
@Suite struct PoolMethodTests {
    /// A rulebook with one pool of `count` always-available owners and one catch-all route.
    static func rulebook(_ method: DistributionMethod, weights: [Int]? = nil, capacities: [Int?]? = nil, count: Int = 4) -> Rulebook {
        let owners = (0..<count).map { i in
            Owner(id: "o\(i)", name: "Owner \(i)", capacity: capacities?[i], weight: weights?[i] ?? 1)
        }
        return Rulebook(
            version: "test", name: "pools", owners: owners,
            pools: [Pool(name: "p", method: method, members: owners.map(\.id))],
            duplicates: DuplicatePolicy(matchOn: [.email], action: .ignore),
            routes: [Route(name: "all", when: .always, pool: "p")]
        )
    }

    static func leads(_ n: Int) -> [Lead] {
        (0..<n).map { Lead(id: "L\($0)", receivedAt: Fixtures.tuesdayAfternoon, email: "p\($0)@corp.example", company: "Corp") }
    }

    static func counts(_ decisions: [Decision], owners: Int) -> [Int] {
        var counts = Array(repeating: 0, count: owners)
        for d in decisions where d.isAssigned { counts[Int(d.owner!.dropFirst())!] += 1 }
        return counts
    }

    @Test func roundRobinIsEvenWithinOneOverAnyRun() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<20 {
            let n = Int.random(in: 1...9, using: &rng)
            var ctx = RoutingContext(rulebook: Self.rulebook(.roundRobin, count: n), now: Fixtures.tuesdayAfternoon)
            var decisions: [Decision] = []
            for lead in Self.leads(Int.random(in: 1...200, using: &rng)) {
                decisions.append(ctx.route(lead))
                let c = Self.counts(decisions, owners: n)
                #expect(c.max()! - c.min()! <= 1)
            }
        }
    }

    @Test func roundRobinSkipsTheUnavailableAndKeepsTurn() {
        var rulebook = Self.rulebook(.roundRobin, count: 3)
        rulebook.owners[1].active = false
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        let owners = Self.leads(6).map { ctx.route($0).owner! }
        #expect(owners == ["o0", "o2", "o0", "o2", "o0", "o2"])
        let d = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        let trace = Router.decide(Self.leads(1)[0], in: d).trace
        #expect(trace.steps.last == .pool(name: "p", method: .roundRobin, candidates: [
            Candidate(owner: "o0", open: 0, capacity: nil, passedOver: nil),
            Candidate(owner: "o1", open: 0, capacity: nil, passedOver: .inactive),
            Candidate(owner: "o2", open: 0, capacity: nil, passedOver: .notNextInTurn),
        ]))
    }

    @Test func weightedMatchesWeightsWithinOneOverAThousandLeads() {
        for weights in [[2, 1], [3, 1, 1], [5, 3, 2, 1], [1, 1, 1, 7]] {
            var ctx = RoutingContext(rulebook: Self.rulebook(.weighted, weights: weights, count: weights.count), now: Fixtures.tuesdayAfternoon)
            var decisions: [Decision] = []
            for lead in Self.leads(1_000) {
                decisions.append(ctx.route(lead))
                let c = Self.counts(decisions, owners: weights.count)
                let total = Double(c.reduce(0, +)), sum = Double(weights.reduce(0, +))
                for (i, w) in weights.enumerated() {
                    #expect(abs(Double(c[i]) - total * Double(w) / sum) <= 1, "weights \(weights) after \(Int(total))")
                }
            }
        }
    }

    @Test func loadBalancedNeverExceedsCapacityAndPrefersLowestRatio() {
        var rng = SplitMix(seed: 11)
        let capacities: [Int?] = [5, 10, 20, nil]
        var ctx = RoutingContext(rulebook: Self.rulebook(.loadBalanced, capacities: capacities), now: Fixtures.tuesdayAfternoon)
        var flagged = 0
        for lead in Self.leads(500) {
            let d = ctx.route(lead)
            if !d.isAssigned { flagged += 1; #expect(d.reason == .overCapacity) }
            for i in 0..<3 { #expect(ctx.state.openLoad[i] <= capacities[i]!) }
            // Owners accept leads now and then, freeing capacity.
            if Int.random(in: 0..<3, using: &rng) == 0, let o = (0..<4).filter({ ctx.state.openLoad[$0] > 0 }).randomElement(using: &rng) {
                ctx.state.release(owner: o)
            }
        }
        #expect(flagged > 0 || ctx.state.openLoad[3] > 0)
        // Fresh pool: 1/5 > 0/10, so the second lead goes to o1, then ratios decide.
        var fresh = RoutingContext(rulebook: Self.rulebook(.loadBalanced, capacities: [5, 10, 20, 20]), now: Fixtures.tuesdayAfternoon)
        let owners = Self.leads(4).map { fresh.route($0).owner! }
        #expect(owners == ["o0", "o1", "o2", "o3"])
        #expect(fresh.route(Self.leads(5)[4]).owner == "o2") // 1/20 beats 1/10 and 1/5
    }

    @Test func ledgerRoundTripsByName() {
        let rulebook = Self.rulebook(.roundRobin, count: 3)
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        for lead in Self.leads(4) { _ = ctx.route(lead) }
        let ledger = ctx.state.ledger(rulebook: rulebook)
        #expect(ledger.lastAssigned["p"] == "o0")
        #expect(ledger.openLoad == ["o0": 2, "o1": 1, "o2": 1])
        let restored = RoutingState(rulebook: rulebook, ledger: ledger)
        #expect(restored == ctx.state)
    }
}

/// A small seeded generator (SplitMix64) so tests are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
