import Foundation
import GRDB
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// How SQLite keeps a lead taken in and decided at once: one `routed` row in the log (the contract suite
/// checks that every reader expands it into the three entries of the queue), and a queued lead's check
/// and decision: one `decided` row; changed or removed behind Handoff's back, and indexed alongside the
/// older layout.
@Suite struct RoutedEntryTests {
    let leads = incoming(streamLeads(400, seed: 17))

    /// The same leads imported then routed from the queue (two entries a lead), and imported routed.
    func pair() throws -> (queued: SQLiteStore, routed: SQLiteStore) {
        let queued = try temporaryStore()
        _ = try queued.insert(leads, quarantine: [], at: tuesday, actor: "import")
        _ = try Desk(store: queued, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50)
        let routed = try temporaryStore()
        _ = try Desk(store: routed, rulebook: exampleRulebook, clock: { tuesday }).importRouting(actor: "import", batchSize: 64) { feed in
            for lead in leads { try feed.add(lead) }
        }
        return (queued, routed)
    }

    func stored(_ store: SQLiteStore) throws -> (entries: Int, kinds: Set<String>) {
        try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0, Set(try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM events")))
        }
    }

    @Test func storesOneEntryALead() throws {
        let (queued, routed) = try pair()
        #expect(try stored(routed) == (400, ["routed"]))
        // Its `received` entry, then one for the decision: `decided`, or `flagged` for a lead that failed
        // the readiness checks (never `ready`, so nothing to stand for but the flag).
        #expect(try stored(queued) == (2 * 400, ["received", "decided", "flagged"]))
    }

    /// A workspace routed from the queue, then imported into routed, keeps both layouts side by side.
    @Test func oldAndNewEntriesAreStoredInTheirOwnLayouts() throws {
        let store = try temporaryStore()
        _ = try store.insert(Array(leads.prefix(150)), quarantine: [], at: tuesday, actor: "import")
        _ = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain(batchSize: 50)
        _ = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday.addingTimeInterval(60) }).importRouting(actor: "import", batchSize: 64) { feed in
            for lead in leads.suffix(250) { try feed.add(lead) }
        }
        #expect(try stored(store).kinds == ["received", "decided", "flagged", "routed"])
    }

    @Test func aChangedRoutedEntryBreaksTheChain() throws {
        let (_, routed) = try pair()
        try routed.database.write { db in
            try db.execute(sql: "DROP TRIGGER events_never_change")
            try db.execute(sql: "UPDATE events SET owner = 'mallory' WHERE seq = (SELECT MIN(seq) FROM events WHERE to_state = 'assigned')")
        }
        let audit = try routed.auditLog()
        #expect(!audit.intact)
        #expect(audit.problem?.contains("changed") == true)
    }

    @Test func aRemovedRoutedEntryIsNamed() throws {
        let (_, routed) = try pair()
        let victim = try routed.database.write { db in
            try db.execute(sql: "DROP TRIGGER events_never_vanish")
            let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE lead = 10")!
            try db.execute(sql: "DELETE FROM events WHERE seq = ?", arguments: [seq])
            return seq
        }
        let audit = try routed.auditLog()
        #expect(audit.problem?.contains("removed") == true)
        #expect(audit.problem?.contains("to #\(victim) were removed") == true)
    }

    /// Migration 14 leaves entries written before it as they are and indexes both layouts.
    @Test func thePartialIndexesServeBothLayouts() throws {
        let (_, routed) = try pair()
        try routed.database.read { db in
            let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT lead FROM events WHERE (kind = 'received' OR kind = 'routed') AND at BETWEEN 0 AND 1")
                .map { $0["detail"] as String }
            #expect(details.contains { $0.contains("events_arrivals") })
            let handoffs = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT seq FROM events WHERE (\(SQLiteStore.handoffCondition)) AND at >= 0
                """).map { $0["detail"] as String }
            #expect(handoffs.contains { $0.contains("events_handoffs") })
            // Migration 15: leads by owner holds only leads with one, and serves every read naming one.
            let byOwner = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT seq FROM leads WHERE owner = 'ana' AND state = 'assigned'")
                .map { $0["detail"] as String }
            #expect(byOwner.contains { $0.contains("leads_by_owner") })
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'leads_by_owner'")
            #expect(sql?.contains("WHERE owner IS NOT NULL") == true)
        }
    }
}
