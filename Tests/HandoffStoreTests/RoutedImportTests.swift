import Foundation
import GRDB
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// `import --route`: leads decided on the reading thread and stored already routed by a writer thread.
@Suite struct RoutedImportTests {
    /// Everything but the row order of the projections, as the lead table holds it and the log reads.
    func contents(_ store: SQLiteStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT id || '|' || idem_key || '|' || state || '|' || IFNULL(owner, '') || '|' || IFNULL(reason, '') || '|' ||
                       version || '|' || IFNULL(hex(decision), '') FROM leads ORDER BY seq
                """)
            + String.fetchAll(db, sql: "SELECT owner || '=' || open FROM owner_load ORDER BY owner")
            + String.fetchAll(db, sql: "SELECT pool || '/' || owner || '=' || assigned || '/' || excused FROM pool_ledger ORDER BY pool, owner")
            + String.fetchAll(db, sql: "SELECT pool || '>' || last_owner FROM pool_turn ORDER BY pool")
        }
        // The log as read (a routed import's `routed` entries expanded), lead by lead.
        + store.events(lead: nil, after: 0, limit: .max).sorted { ($0.leadId, $0.seq) < ($1.leadId, $1.seq) }.map {
            "\($0.leadId)|\($0.kind)|\($0.actor)|\($0.leadVersion)|\($0.rulebookVersion ?? "")|\($0.reason ?? "")|\($0.detail.owner ?? "")|"
                + "\($0.detail.text ?? "")|\($0.detail.from?.rawValue ?? "")>\($0.detail.to?.rawValue ?? "")"
        }
    }

    func routedImport(_ desk: Desk, _ leads: [IncomingLead], quarantine: [QuarantinedRecord] = [], batchSize: Int = 1_000) throws -> RoutedImport {
        try desk.importRouting(actor: "import", batchSize: batchSize) { feed in
            for lead in leads { try feed.add(lead) }
            for record in quarantine { try feed.quarantine(record) }
        }
    }

    @Test func decidesExactlyAsImportThenRoute() throws {
        let leads = incoming(streamLeads(1_500, seed: 11))
        let queued = try temporaryStore()
        _ = try queued.insert(leads, quarantine: [], at: tuesday, actor: "import")
        let drained = try Desk(store: queued, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 200)

        let routed = try temporaryStore()
        let result = try routedImport(Desk(store: routed, rulebook: exampleRulebook, clock: { tuesday }), leads, batchSize: 64)
        #expect(result.stored.accepted == 1_500 && result.stored.alreadyPresent == 0)
        #expect(result.routed.routed == drained.routed && result.routed.assigned == drained.assigned && result.routed.flagged == drained.flagged)
        #expect(try contents(routed) == contents(queued))
        #expect(try routed.counts().byState[.received] == nil)
        #expect(try routed.doctor().healthy)
    }

    @Test func skipsLeadsAlreadyStoredOrRepeatedInTheFile() throws {
        let store = try temporaryStore()
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

    @Test func keepsQuarantinedRecords() throws {
        let store = try temporaryStore()
        let bad = QuarantinedRecord(file: "leads.csv", line: 7, field: "employees", reason: "not a number: \"lots\"", raw: "x,lots")
        let result = try routedImport(Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }), incoming([lead("a")]), quarantine: [bad])
        #expect(result.stored.quarantined == 1)
        #expect(try store.quarantined(limit: 10) == [bad])
    }

    /// A reader that fails halfway leaves nothing behind, and the desk decides the next import as if
    /// the failed one never happened.
    @Test func aFailedReadStoresNothingAndForgetsItsDecisions() throws {
        struct Broken: Error {}
        let store = try temporaryStore()
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
        let fresh = try temporaryStore()
        _ = try routedImport(Desk(store: fresh, rulebook: exampleRulebook, clock: { tuesday }), leads)
        #expect(result.stored.accepted == 2_500)
        #expect(try contents(store) == contents(fresh))
    }

    /// A store that fails stops the reader instead of letting it read the rest of the file in vain.
    @Test func aFailedWriteStopsTheReader() throws {
        let store = try temporaryStore()
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        // The log refuses anything while this trigger stands, so the first batch fails.
        try store.database.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END") }
        var offered = 0
        #expect(throws: DatabaseError.self) {
            try desk.importRouting(actor: "import", batchSize: 10) { feed in
                for lead in incoming(streamLeads(100_000, seed: 2)) {
                    try feed.add(lead)
                    offered += 1
                }
            }
        }
        #expect(offered < 1_000)
        #expect(try store.counts().byState.isEmpty)
    }

    /// Leads routed by another process before the import count in its duplicate checks.
    @Test func seesLeadsAnotherDeskRouted() throws {
        let store = try temporaryStore()
        let importer = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        try importer.prepare()
        let other = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        _ = try store.insert(incoming([lead("first", email: "sam@globex.de")]), quarantine: [], at: tuesday, actor: "import")
        #expect(try other.drain().routed == 1)
        _ = try routedImport(importer, incoming([lead("second", email: "SAM@globex.de")]))
        let second = try #require(try store.lead("L-0000002"))
        #expect(second.reason == .duplicateSuspect && second.decision?.duplicateOf == "L-0000001")
    }
}
