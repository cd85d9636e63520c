import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffWorkspace
import HandoffStore

/// `import --route`: leads decided on the reading thread and stored already routed by a writer thread.
@Suite(.dropsItsDatabases) struct RoutedImportTests {
    func routedImport(_ desk: Desk, _ leads: [IncomingLead], quarantine: [QuarantinedRecord] = [], batchSize: Int = 1_000) throws -> RoutedImport {
        try desk.importRouting(actor: "import", batchSize: batchSize) { feed in
            for lead in leads { try feed.add(lead) }
            for record in quarantine { try feed.quarantine(record) }
        }
    }

    @Test(arguments: Engine.available)
    func decidesExactlyAsImportThenRoute(_ engine: Engine) async throws {
        try await onThread {
            let leads = incoming(streamLeads(1_500, seed: 11))
            let queued = try engine.store()
            _ = try queued.insert(leads, quarantine: [], at: tuesday, actor: "import")
            let drained = try Desk(store: queued, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 200)

            let routed = try engine.store()
            let result = try routedImport(Desk(store: routed, rulebook: exampleRulebook, clock: { tuesday }), leads, batchSize: 64)
            #expect(result.stored.accepted == 1_500 && result.stored.alreadyPresent == 0)
            #expect(result.routed.routed == drained.routed && result.routed.assigned == drained.assigned && result.routed.flagged == drained.flagged)
            #expect(try contents(routed) == contents(queued))
            #expect(try routed.counts().byState[.received] == nil)
            #expect(try routed.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func skipsLeadsAlreadyStoredOrRepeatedInTheFile(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let first = try routedImport(desk, incoming([lead("a"), lead("b", email: "kim@initech.de"), lead("a")]))
            #expect(first.stored.accepted == 2 && first.stored.alreadyPresent == 1 && first.stored.ids == ["L-0000001", "L-0000002"])
            let again = try routedImport(desk, incoming([lead("b"), lead("c", email: "lou@umbrella.de")]))
            #expect(again.stored.accepted == 1 && again.stored.alreadyPresent == 1 && again.stored.ids == ["L-0000003"])
            #expect(try store.counts().byState.values.reduce(0, +) == 3)
            // One routing outcome per lead, none twice.
            let outcomes = try store.events(lead: nil, after: 0, limit: 100).filter { $0.actor == "router" && ($0.kind == .assigned || $0.kind == .flagged) }
            #expect(outcomes.map(\.leadId) == ["L-0000001", "L-0000002", "L-0000003"])
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func keepsQuarantinedRecords(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let bad = QuarantinedRecord(file: "leads.csv", line: 7, field: "employees", reason: "not a number: \"lots\"", raw: "x,lots")
            let result = try routedImport(Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }), incoming([lead("a")]), quarantine: [bad])
            #expect(result.stored.quarantined == 1)
            #expect(try store.quarantined(limit: 10) == [bad])
        }
    }

    /// A reader that fails halfway leaves nothing behind, and the desk decides the next import as if
    /// the failed one never happened.
    @Test(arguments: Engine.available)
    func aFailedReadStoresNothingAndForgetsItsDecisions(_ engine: Engine) async throws {
        try await onThread {
            struct Broken: Error {}
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let leads = incoming(streamLeads(2_500, seed: 5))
            #expect(throws: Broken.self) {
                try desk.importRouting(actor: "import", batchSize: 100) { feed in
                    for lead in leads.prefix(2_000) { try feed.add(lead) }
                    throw Broken()
                }
            }
            #expect(try store.counts().byState.isEmpty && store.counts().events == 0)

            let result = try routedImport(desk, leads)
            let fresh = try engine.store()
            _ = try routedImport(Desk(store: fresh, rulebook: exampleRulebook, clock: { tuesday }), leads)
            #expect(result.stored.accepted == 2_500)
            #expect(try contents(store) == contents(fresh))
        }
    }

    /// Leads routed by another process before the import count in its duplicate checks.
    @Test(arguments: Engine.available)
    func seesLeadsAnotherDeskRouted(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            let importer = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            try importer.prepare()
            let other = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            _ = try store.insert(incoming([lead("first", email: "sam@globex.de")]), quarantine: [], at: tuesday, actor: "import")
            #expect(try other.drain().routed == 1)
            _ = try routedImport(importer, incoming([lead("second", email: "SAM@globex.de")]))
            let second = try #require(try store.lead("L-0000002"))
            #expect(second.reason == .duplicateSuspect && second.decision?.duplicateOf == "L-0000001")
        }
    }
}
