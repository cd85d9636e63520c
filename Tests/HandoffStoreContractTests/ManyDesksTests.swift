import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace

@Suite(.dropsItsDatabases) struct TwoDesksTests {
    /// Two processes' worth of desks on one file, draining at once: every lead is routed exactly once.
    @Test(arguments: Engine.available)
    func twoDesksNeverRouteALeadTwice(_ engine: Engine) async throws {
        let (store, location) = try await onThread { try engine.fresh() }
        try await onThread { _ = try store.insert(incoming(streamLeads(2_000, seed: 8)), quarantine: [], at: tuesday, actor: "import") }
        async let routedA: Int = onThread {
            try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50).routed
        }
        async let routedB: Int = onThread {
            try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50).routed
        }
        let total = try await routedA + routedB
        #expect(total == 2_000)
        try await onThread {
            let counts = try store.counts()
            #expect(counts.byState[.received] == nil)
            #expect(try store.doctor().healthy)
            // One routing outcome per lead in the log.
            let outcomes = try store.events(lead: nil, after: 0, limit: 100_000).filter { $0.actor == "router" && ($0.kind == .assigned || $0.kind == .flagged) }
            #expect(outcomes.count == 2_000)
            #expect(Set(outcomes.map(\.leadId)).count == 2_000)
        }
    }
}

@Suite(.dropsItsDatabases) struct RoutingMarkTests {
    /// Inside the routing transaction a desk learns what others wrote since its mark: their pool state
    /// when the generation moved, and nothing at all when nobody else wrote.
    @Test(arguments: Engine.available)
    func othersWritesComeInsideTheTransaction(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming([lead("a"), lead("b", email: "kim@initech.de"), lead("c", email: "lou@umbrella.de")]), quarantine: [], at: tuesday, actor: "import")
            let context = RoutingContext(rulebook: exampleRulebook, now: tuesday)
            var mine = context
            var heard: [OthersWrites] = []
            let first = try store.routeQueued(limit: 1, at: tuesday, since: RoutingMark(event: 0, generation: 0), catchUp: { heard.append($0) }) {
                $0.map { mine.route($0.lead) }
            }
            // The mark given was behind the store: the store's state came along.
            #expect(heard.count == 1 && heard[0].ledger != nil)
            let mark = RoutingMark(event: first.lastEvent, generation: first.generation)
            #expect(try store.generation() == mark.generation)

            heard = []
            let second = try store.routeQueued(limit: 1, at: tuesday, since: mark, catchUp: { heard.append($0) }) { $0.map { mine.route($0.lead) } }
            #expect(heard.isEmpty)  // nobody else wrote

            // Another desk routes a lead: the next batch hears of it and of the loads it left.
            var theirs = context
            _ = try store.routeQueued(limit: 1, at: tuesday) { $0.map { theirs.route($0.lead) } }
            heard = []
            let stored = try store.ledger()
            _ = try store.routeQueued(limit: 1, at: tuesday, since: RoutingMark(event: second.lastEvent, generation: second.generation),
                                      catchUp: { heard.append($0) }) { $0.map { mine.route($0.lead) } }
            #expect(heard.count == 1 && heard[0].routed.count == 1)
            #expect(heard.first?.ledger?.openLoad == stored.openLoad)
            #expect(stored.openLoad.values.reduce(0, +) == 3)
        }
    }
}

@Suite(.dropsItsDatabases) struct CrossProcessDuplicateTests {
    /// A desk started before another routed a lead still sees that lead in its duplicate checks.
    @Test(arguments: Engine.available)
    func aDuplicateRoutedByAnotherDeskIsCaught(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            let a = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            let b = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            _ = try store.insert(incoming([lead("first", email: "sam@globex.de")]), quarantine: [], at: tuesday, actor: "import")
            #expect(try a.drain().routed == 1)
            _ = try store.insert(incoming([lead("second", email: "SAM@globex.de")]), quarantine: [], at: tuesday, actor: "import")
            #expect(try b.drain().routed == 1)
            let second = try #require(try store.lead("L-0000002"))
            #expect(second.reason == .duplicateSuspect)
            #expect(second.decision?.duplicateOf == "L-0000001")
        }
    }
}
