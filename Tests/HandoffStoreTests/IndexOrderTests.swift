import Foundation
import GRDB
@testable import HandoffSQLite
import Testing

/// Migration 20 dropped the `seq` that ended four per-lead indexes: an index entry ends with the
/// rowid anyway. These are the reads each index serves, in the order each asks for; none may sort.
struct IndexOrderTests {
    private func plan(_ store: SQLiteStore, _ sql: String) throws -> [String] {
        try store.database.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
    }

    @Test func theIndexesEndingInTheRowidServeTheirReadsWithoutSorting() throws {
        let store = try temporaryStore()
        let reads = [
            // The queue, oldest first (the drain) and newest first (`leads --state received`).
            ("leads_by_state", "SELECT seq FROM leads WHERE state = 'received' ORDER BY seq LIMIT 50"),
            ("leads_by_state", "SELECT seq FROM leads WHERE state = 'flagged' AND seq < 900 ORDER BY seq DESC LIMIT 50"),
            // Exceptions of one reason, newest first.
            ("leads_by_reason", "SELECT seq FROM leads WHERE reason = 'no_route' ORDER BY seq DESC LIMIT 50"),
            // The exceptions list, the one flagged longest ago first.
            ("leads_flagged_by_wait", """
                SELECT seq FROM leads INDEXED BY leads_flagged_by_wait WHERE state = 'flagged'
                ORDER BY updated_at, received_at, seq LIMIT 50
                """),
            // A lead's history, and its newest entry.
            ("events_by_lead", "SELECT kind FROM events WHERE lead = 7 ORDER BY seq"),
            ("events_by_lead", "SELECT MAX(seq) FROM events WHERE lead = 7"),
        ]
        for (index, sql) in reads {
            let steps = try plan(store, sql)
            #expect(steps.contains { $0.contains(index) }, "\(sql): \(steps)")
            #expect(!steps.contains { $0.contains("TEMP B-TREE") }, "\(sql): \(steps)")
        }
        let definitions = try store.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE name IN ('leads_by_state', 'leads_by_reason', 'leads_flagged_by_wait', 'events_by_lead')
                """)
        }
        #expect(definitions.count == 4)
        #expect(!definitions.contains { $0.contains("seq") }, "\(definitions)")
    }
}
