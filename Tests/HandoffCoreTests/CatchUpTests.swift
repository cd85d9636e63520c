import Foundation
import Testing
@testable import HandoffCore

/// A member away for a while, then back: what each catch-up policy gives them.
@Suite struct CatchUpTests {
    static func rulebook(_ method: DistributionMethod, _ catchUp: CatchUp, weights: [Int] = [1, 1, 1]) -> Rulebook {
        let owners = weights.enumerated().map { i, w in Owner(id: "o\(i)", name: "Owner \(i)", weight: w) }
        return Rulebook(
            version: "test", name: "catch-up", owners: owners,
            pools: [Pool(name: "p", method: method, members: owners.map(\.id), catchUp: catchUp)],
            duplicates: DuplicatePolicy(matchOn: [.email], action: .ignore),
            routes: [Route(name: "all", when: .always, pool: "p")]
        )
    }

    /// Routes `away` leads while o0 is paused, then `back` leads with everyone available; the owners of the latter.
    static func afterReturn(_ method: DistributionMethod, _ catchUp: CatchUp, away: Int = 30, back: Int = 30, weights: [Int] = [1, 1, 1]) -> [String] {
        var rulebook = rulebook(method, catchUp, weights: weights)
        rulebook.owners[0].pause = OwnerPause(reason: "holiday week", by: "lena", since: Fixtures.tuesdayAfternoon)
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        for lead in PoolMethodTests.leads(away) { _ = ctx.route(lead) }
        rulebook.owners[0].pause = nil
        ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon, state: ctx.state)
        return PoolMethodTests.leads(back).map { ctx.route(Lead(id: "B" + $0.id, receivedAt: $0.receivedAt, email: "b" + ($0.email ?? ""), company: "Corp")).owner! }
    }

    /// How many of the first `n` leads after the return went to o0.
    static func returner(_ owners: [String], first n: Int) -> Int { owners.prefix(n).filter { $0 == "o0" }.count }

    @Test func weightedWithNoCatchUpRejoinsAtTheNormalShare() {
        let owners = Self.afterReturn(.weighted, .none)
        // A third of the leads, in turn: never two in a row, never starved.
        #expect(Self.returner(owners, first: 30) == 10)
        #expect(Self.returner(owners, first: 3) == 1)
    }

    @Test func weightedWithFullCatchUpGetsEveryMissedLeadBack() {
        let owners = Self.afterReturn(.weighted, .full)
        // 30 leads went to two members. Counting the 15 o0 takes back, their share of 45 is 15, so they
        // get all of them (and a tie) before anyone else gets one, then a third again.
        #expect(Self.returner(owners, first: 15) == 15)
        #expect(owners[16] != "o0")
        #expect(owners[16...].filter { $0 == "o0" }.count == 4)
    }

    @Test func weightedWithCappedCatchUpGetsAtMostTheCap() {
        let owners = Self.afterReturn(.weighted, .capped(4))
        // Owed four leads beyond their share: seven in a row (their share of those is about three), then
        // a third again. Over the first twelve: their four plus four.
        #expect(Self.returner(owners, first: 7) == 7)
        #expect(owners[7] != "o0")
        #expect(Self.returner(owners, first: 12) == 8)
        #expect(Self.returner(Array(owners[12...]), first: 18) == 6)
    }

    @Test func roundRobinWithNoCatchUpKeepsTurnOrder() {
        let owners = Self.afterReturn(.roundRobin, .none)
        #expect(Self.returner(owners, first: 6) == 2)
    }

    @Test func roundRobinWithCappedCatchUpGivesExtraTurnsFirst() {
        let owners = Self.afterReturn(.roundRobin, .capped(3))
        // Extra turns while more than a whole lead behind, then turn order.
        #expect(Array(owners.prefix(4)) == ["o0", "o0", "o0", "o0"])
        #expect(Array(owners[4...].prefix(6)) == ["o1", "o2", "o0", "o1", "o2", "o0"])
        // The trace says why the others waited.
        var rulebook = Self.rulebook(.roundRobin, .full)
        rulebook.owners[0].pause = OwnerPause(reason: "", by: "lena", since: Fixtures.tuesdayAfternoon)
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        for lead in PoolMethodTests.leads(6) { _ = ctx.route(lead) }
        rulebook.owners[0].pause = nil
        ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon, state: ctx.state)
        let decision = Router.decide(Lead(id: "X", receivedAt: Fixtures.tuesdayAfternoon, email: "x@corp.example", company: "Corp"), in: ctx)
        #expect(decision.owner == "o0")
        guard case .pool(_, _, let candidates)? = decision.trace.steps.last else { Issue.record("no pool step"); return }
        #expect(candidates[1].passedOver == .aheadOfShare(assigned: 3, weight: 1))
    }

    @Test func forgivenSharesAreKeptInTheLedgerByName() {
        var rulebook = Self.rulebook(.weighted, .none)
        rulebook.owners[0].pause = OwnerPause(reason: "", by: "lena", since: Fixtures.tuesdayAfternoon)
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        for lead in PoolMethodTests.leads(9) { _ = ctx.route(lead) }
        let ledger = ctx.state.ledger(rulebook: rulebook)
        // Half of each lead: the two who worked got one each, and the forgiven half makes o0's share of the
        // total (1 + 1 + 0.5) exactly what they have.
        #expect(ledger.excused["p"]?["o0"] == 9 * 500)
        #expect(RoutingState(rulebook: rulebook, ledger: ledger) == ctx.state)
    }

    @Test func fairnessLedgerShowsSharesAndGini() {
        var ledger = PoolLedger()
        ledger.assigned["p"] = ["o0": 10, "o1": 20, "o2": 30]
        ledger.excused["p"] = ["o0": 5_000]
        let pools = Fairness.ledger(Self.rulebook(.weighted, .none, weights: [1, 2, 3]), ledger)
        #expect(pools.count == 1)
        let p = pools[0]
        let expected: [Double] = [65.0 / 6, 65.0 / 3, 32.5]
        #expect(p.members.map(\.share) == expected)
        let behind: Double = p.members[0].behind - (65.0 / 6 - 15)
        #expect(abs(behind) < 1e-9)
        // Per unit of weight everyone got 10: perfectly even.
        #expect(p.gini == 0)
        #expect(Fairness.gini([0, 0, 0, 12]) == 0.75)
        #expect(Fairness.gini([5]) == 0)
    }

    @Test func aMemberAddedToAPoolStartsLevelWithTheirShare() {
        var ledger = PoolLedger()
        ledger.assigned["p"] = ["o0": 10, "o1": 20]
        ledger.members["p"] = ["o0", "o1", "gone"]
        // o2 joins a weighted pool (weights 1, 2, 1) that has given out 30 leads.
        let rulebook = Self.rulebook(.weighted, .full, weights: [1, 2, 1])
        let admissions = Fairness.admissions(rulebook, ledger)
        // Level: of 40 leads (30 + the 10 forgiven), a quarter is 10.
        #expect(admissions == ["p": ["o2": 10_000]])
        ledger.excused["p"] = admissions["p"]
        ledger.members["p"]?.insert("o2")
        #expect(Fairness.admissions(rulebook, ledger).isEmpty)
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon, state: RoutingState(rulebook: rulebook, ledger: ledger))
        let owners = PoolMethodTests.leads(40).map { ctx.route($0).owner! }
        // Not flooded: a quarter of the next forty, interleaved.
        #expect(owners.filter { $0 == "o2" }.count == 10)
        #expect(!owners.indices.dropFirst().contains { owners[$0] == "o2" && owners[$0 - 1] == "o2" })
        // A pool with no history records its members at zero.
        #expect(Fairness.admissions(rulebook, PoolLedger()) == ["p": ["o0": 0, "o1": 0, "o2": 0]])
    }
}
