import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffWorkspace
import HandoffStore

/// Draining the queue many batches a transaction, each decided while the one before is stored (where
/// the engine takes decided batches), and an import's rows written by a second thread: both store
/// exactly what the one-thread paths store.
@Suite(.dropsItsDatabases) struct QueueDrainTests {
    func queued(_ engine: Engine, _ leads: [IncomingLead]) throws -> (store: any LeadStore, location: StoreLocation) {
        let fresh = try engine.fresh()
        _ = try fresh.store.insert(leads, quarantine: [], at: tuesday, actor: "import")
        return fresh
    }

    /// Routes `limit` leads batch after batch, one transaction each.
    func routeBatchByBatch(_ desk: Desk, limit: Int = .max, size: Int = 64) throws {
        var routed = 0
        while routed < limit {
            let batch = try desk.routeBatch(size: min(size, limit - routed))
            if batch.routed == 0 { return }
            routed += batch.routed
        }
    }

    @Test(arguments: Engine.available)
    func drainsAsBatchAfterBatch(_ engine: Engine) async throws {
        try await onThread {
            let leads = incoming(streamLeads(1_500, seed: 11))
            let serial = try queued(engine, leads).store
            try routeBatchByBatch(Desk(store: serial, rulebook: exampleRulebook, clock: { tuesday }))

            let drained = try queued(engine, leads).store
            // Three transactions of 500 leads, each in batches of 64 (the last one short).
            let summary = try Desk(store: drained, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 64, perTransaction: 500)
            #expect(summary.routed == 1_500)
            #expect(try drained.counts().byState[.received] == nil)
            #expect(try contents(drained) == contents(serial))
            // Every entry numbered and hashed alike: the same newest entry and hash.
            #expect(try drained.logAnchor() == serial.logAnchor())
            #expect(try drained.auditLog(anchor: nil, progress: nil).intact)
            #expect(try drained.doctor().healthy)
        }
    }

    /// Between two of a drain's transactions another handle acts on a lead: the next transaction
    /// catches up with it, as the next batch does.
    @Test(arguments: Engine.available)
    func catchesUpWithAnotherHandleBetweenTransactions(_ engine: Engine) async throws {
        try await onThread {
            let leads = incoming(streamLeads(900, seed: 4))
            func run(_ route: (Desk, Int) throws -> Void) throws -> any LeadStore {
                let (store, location) = try queued(engine, leads)
                let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
                try route(desk, 400)
                let other = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
                let flagged = try #require(try store.leads(LeadFilter(state: .flagged, limit: 1)).first)
                try other.perform(.reassign(to: "chloe", reason: "territory"), on: flagged.lead.id, basedOn: flagged.version, actor: "olga")
                try route(desk, .max)
                return store
            }
            let serial = try run { desk, limit in try routeBatchByBatch(desk, limit: limit) }
            let drained = try run { desk, limit in _ = try desk.drain(batchSize: 64, limit: limit, perTransaction: 300) }
            #expect(try contents(drained) == contents(serial))
            #expect(try drained.logAnchor() == serial.logAnchor())
            #expect(try drained.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func anImportStoresWhatInsertStores(_ engine: Engine) async throws {
        try await onThread {
            var leads = incoming(streamLeads(2_500, seed: 7))
            leads += leads.prefix(40)
            let bad = QuarantinedRecord(file: "leads.csv", line: 9, field: "employees", reason: "not a number: \"many\"", raw: "x,many")
            let inserted = try engine.store()
            let direct = try inserted.insert(leads, quarantine: [bad], at: tuesday, actor: "import")
            let imported = try engine.store()
            let streamed = try imported.importing(at: tuesday, actor: "import") { sink in
                for lead in leads { try sink.add(lead) }
                try sink.quarantine(bad)
            }
            #expect(streamed == direct)
            #expect(streamed.accepted == 2_500 && streamed.alreadyPresent == 40 && streamed.quarantined == 1)
            #expect(try contents(imported) == contents(inserted))
            #expect(try imported.logAnchor() == inserted.logAnchor())
            #expect(try imported.quarantined(limit: 10) == [bad])
        }
    }

    /// A reader that fails halfway leaves nothing of the import behind; the next one stores all.
    @Test(arguments: Engine.available)
    func aFailedImportStoresNothing(_ engine: Engine) async throws {
        try await onThread {
            struct Broken: Error {}
            let store = try engine.store()
            let leads = incoming(streamLeads(2_500, seed: 5))
            #expect(throws: Broken.self) {
                try store.importing(at: tuesday, actor: "import") { sink in
                    for lead in leads.prefix(2_200) { try sink.add(lead) }
                    throw Broken()
                }
            }
            #expect(try store.counts().byState.isEmpty && store.counts().events == 0)
            let summary = try store.importing(at: tuesday, actor: "import") { sink in
                for lead in leads { try sink.add(lead) }
            }
            #expect(summary.accepted == 2_500 && summary.ids.first == "L-0000001")
            #expect(try store.doctor().healthy)
        }
    }
}
