import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// The review's figures read from a store's log, on every engine.
@Suite(.dropsItsDatabases) struct ReviewStoreTests {
    /// Leads, decisions, handoffs and exceptions, and arrivals in the window from `start` to `end`.
    static func figures(_ store: any LeadStore, from start: Date, to end: Date) throws -> [Int] {
        var reader = ReviewReader()
        let all = try reader.review(store, last: end.timeIntervalSince(start), endingAt: end).all
        return [all.leads, all.decided, all.intakeToOwner.count + all.exceptions, all.arrivals.counts.reduce(0, +)]
    }

    /// Through the store: leads received, routed, reassigned by a person and accepted by owners at known times.
    @Test(arguments: Engine.available)
    func theStoreReadsTheWindowFromTheLog(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let early = lead("old-1", email: "a@initech.de")
            _ = try store.insert(incoming([early]), quarantine: [], at: tuesday.addingTimeInterval(-7_200), actor: "import")
            let fresh = [lead("r-1", email: "b@initech.de"), lead("r-2", email: "c@hooli.de"), lead("r-3", email: "d@umbrella.de")]
            _ = try store.insert(incoming(fresh), quarantine: [], at: tuesday, actor: "import")
            let clock = TestClock(tuesday.addingTimeInterval(10))
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
            try desk.drain()
            try store.record(rulebook: exampleRulebook, source: ExampleRulebook.yaml, author: "ops", at: tuesday)
            let ids = try store.leads(LeadFilter(limit: 10)).map(\.lead.id).sorted()
            #expect(ids.count == 4)
            _ = try store.apply(.accept, to: ids[1], basedOn: nil, actor: "owner:x", at: tuesday.addingTimeInterval(70), rulebookVersion: nil)
            let second = try #require(try store.lead(ids[2]))
            let target = second.owner == "chloe" ? "ben" : "chloe"
            _ = try store.apply(.reassign(to: target, reason: "speaks German"), to: ids[2], basedOn: nil, actor: "olga",
                                at: tuesday.addingTimeInterval(100), rulebookVersion: nil)
            _ = try store.apply(.accept, to: ids[2], basedOn: nil, actor: "owner:x", at: tuesday.addingTimeInterval(400), rulebookVersion: nil)

            var reader = ReviewReader()
            let review = try reader.review(store, last: 3_600, endingAt: tuesday.addingTimeInterval(600))
            #expect(review.all.leads == 3)
            #expect(review.all.intakeToOwner.count == 3)
            #expect(review.all.intakeToOwner.p50 == 10)
            #expect(review.all.ownerToAcceptance.count == 2)
            #expect(review.all.ownerToAcceptance.p50 == 60)
            #expect(review.all.ownerToAcceptance.max == 300)
            #expect(review.all.overrides.first?.mostCommon.map { [$0.from, $0.to, String($0.count)] } == [second.owner, target, "1"])
            #expect(review.byRulebook.first?.name == "Acme inbound")
            #expect(review.all.owners.first { $0.pool == "emea-enterprise" && $0.owner == "ana" }?.weightShare == 0.5)

            // Before the first lead of the window arrived: nothing, and no crash.
            let before = try reader.review(store, last: 600, endingAt: tuesday.addingTimeInterval(-60))
            #expect(before.isEmpty)
            #expect(before.all.intakeToOwner.count == 0)
            // As of a moment before the acceptances, they have not happened yet.
            let sooner = try reader.review(store, last: 3_600, endingAt: tuesday.addingTimeInterval(60))
            #expect(sooner.all.ownerToAcceptance.count == 0)
        }
    }

    /// Two imports routed at their own times, written in time order into one store and the other way
    /// round into another (an earlier --now used after a later one): every window reads the same.
    @Test(arguments: Engine.available)
    func theFiguresDoNotDependOnTheOrderTimesWereWritten(_ engine: Engine) async throws {
        try await onThread {
            let morning = [lead("m-1", email: "b@initech.de"), lead("m-2", email: "c@hooli.de")]
            let noon = [lead("n-1", email: "d@umbrella.de"), lead("n-2", email: "e@globex.de"), lead("n-3", email: "f@initech.de")]
            func written(_ engine: Engine, _ batches: [([Lead], Date)]) throws -> any LeadStore {
                let store = try engine.store()
                try store.record(rulebook: exampleRulebook, source: ExampleRulebook.yaml, author: "ops", at: tuesday)
                for (leads, at) in batches {
                    _ = try store.insert(incoming(leads), quarantine: [], at: at, actor: "import")
                    try Desk(store: store, rulebook: exampleRulebook, clock: { at.addingTimeInterval(5) }).drain()
                }
                return store
            }
            let inOrder = try written(engine, [(morning, tuesday), (noon, tuesday.addingTimeInterval(7_200))])
            let reversed = try written(engine, [(noon, tuesday.addingTimeInterval(7_200)), (morning, tuesday)])
            let windows: [(Date, Date)] = [
                (tuesday.addingTimeInterval(-600), tuesday.addingTimeInterval(600)),
                (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(10_800)),
                (tuesday.addingTimeInterval(-600), tuesday.addingTimeInterval(10_800)),
                // Ending exactly when the noon leads arrived, and exactly when they were routed.
                (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(7_200)),
                (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(7_205)),
            ]
            let expected = [[2, 2, 2, 2], [3, 3, 3, 3], [5, 5, 5, 5], [3, 3, 0, 3], [3, 3, 3, 3]]
            for ((start, end), figures_) in zip(windows, expected) {
                let ordered = try Self.figures(inOrder, from: start, to: end), unordered = try Self.figures(reversed, from: start, to: end)
                #expect(ordered == figures_, "\(start) .. \(end), in time order")
                #expect(unordered == figures_, "\(start) .. \(end), written out of order")
            }
        }
    }
}
