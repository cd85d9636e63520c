import Foundation
import GRDB
import HandoffCore
@testable import HandoffSQLite
import HandoffStore
import HandoffStoreContractTests
import Testing

/// Migration 21 rebuilt the leads table without `id` (made from `seq`), keys made from external ids, and
/// rulebook versions by number.
struct LeadNumberMigrationTests {
    /// A workspace at migration 20, filled through the store as that build wrote it: leads imported with
    /// and without external ids, some routed, one with a notification.
    private func workspaceAt20(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "20: per-lead indexes end with the row's own number")
        try old.write { db in
            for n in 1...5 {
                try db.execute(sql: """
                    INSERT INTO leads (id, idem_key, external_id, received_at, company, state, version, rulebook, updated_at)
                    VALUES (?, ?, ?, 1795530600, ?, 'received', 1, ?, 1795530600)
                    """, arguments: [LeadId.make(n), n == 4 ? "email:lead4@acme.test" : "id:crm-\(n)", n == 4 ? nil : "crm-\(n)", "Acme \(n)",
                                     [1: "2026-11-20.a", 2: "2026-11-20.a", 3: "2026-11-24.b"][n]])
                try db.execute(sql: "INSERT INTO events (seq, lead, kind, at, actor, lead_version, reason, to_state, hash) VALUES (?, ?, 'received', 1795530600, 'import', 1, 'form', 'received', zeroblob(32))",
                               arguments: [n, n])
            }
            try db.execute(sql: """
                INSERT INTO notifications (lead_id, event_seq, kind, recipient, subject, body, created_at, attempts)
                VALUES ('L-0000002', 2, 'assigned', 'ana', 'A lead', 'Acme 2', 1795530600, 0)
                """)
        }
        try old.close()
        try body(path)
    }

    @Test func idsKeysAndNotificationsSurviveAndLookupsUseTheirIndexes() throws {
        try workspaceAt20 { path in
            let store = try SQLiteStore(path: path)
            let stored = try store.database.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, \(LeadId.sql("seq")) AS id, idem_key, \(LeadColumns.key) AS made FROM leads ORDER BY seq")
            }
            #expect(stored.map { $0["id"] as String } == (1...5).map(LeadId.make))
            // The keys an external id makes are made again, not stored; the other is stored.
            #expect(stored.map { $0["idem_key"] as String? } == [nil, nil, nil, "email:lead4@acme.test", nil])
            #expect(stored.map { $0["made"] as String } == ["id:crm-1", "id:crm-2", "id:crm-3", "email:lead4@acme.test", "id:crm-5"])
            // Rulebook versions are kept by number, and read as they were.
            let versions = try store.database.read { db in
                try Row.fetchAll(db, sql: "SELECT rulebook_n, \(RulebookNumbers.versionSQL) AS version FROM leads ORDER BY seq")
            }
            #expect(versions.map { $0["version"] as String? } == ["2026-11-20.a", "2026-11-20.a", "2026-11-24.b", nil, nil])
            #expect(Set(versions.compactMap { $0["rulebook_n"] as Int64? }) == [1, 2])
            #expect(try store.lead("L-0000003")?.lead.company == "Acme 3")
            #expect(try store.lead("L-3") == nil && store.lead("L-00000003") == nil)
            // A key already stored is present, made or stored; a new one is added after the last number.
            let keyed = ["crm-2", "crm-9"].map { IncomingLead(lead: lead($0), idempotencyKey: "id:" + $0) }
            let again = try store.insert(keyed, quarantine: [], at: tuesday, actor: "import")
            #expect(again.accepted == 1 && again.alreadyPresent == 1 && again.ids == ["L-0000006"])
            #expect(try store.database.read { try Row.fetchOne($0, sql: "SELECT idem_key, \(LeadId.sql("seq")) AS id FROM leads WHERE seq = 6") }
                .map { ($0["idem_key"] as String?, $0["id"] as String) }! == (nil, "L-0000006"))
            let notifications = try store.database.read { db in try String.fetchAll(db, sql: "SELECT lead_id FROM notifications") }
            #expect(notifications == ["L-0000002"])
            try store.database.read { db in
                let byKey = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT 1 FROM leads WHERE \(LeadColumns.key) = 'id:crm-2'").map { $0["detail"] as String }
                #expect(byKey.contains { $0.contains("leads_by_key") }, "\(byKey)")
                let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                #expect(foreignKeys.isEmpty)
                let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads' ORDER BY name")
                #expect(indexes == ["leads_assigned_since", "leads_by_key", "leads_by_owner", "leads_by_reason", "leads_by_state", "leads_flagged_by_wait"])
            }
        }
    }

    /// An id written outside Handoff that is not its number's spelling stops the migration, which changes nothing.
    @Test func anIdOutOfStepWithItsNumberStopsTheMigration() throws {
        try workspaceAt20 { path in
            let old = try DatabaseQueue(path: path)
            try old.write { db in try db.execute(sql: "UPDATE leads SET id = 'L-3' WHERE seq = 3") }
            try old.close()
            #expect { _ = try SQLiteStore(path: path) } throws: { error in
                "\(error)".contains("lead number 3 is stored as \"L-3\", not L-0000003: the workspace was changed outside Handoff")
            }
            let after = try DatabaseQueue(path: path)
            let applied = try after.read { try Schema.migrator.appliedMigrations($0) }
            #expect(applied.last == "20: per-lead indexes end with the row's own number")
            #expect(try after.read { try String.fetchOne($0, sql: "SELECT id FROM leads WHERE seq = 3") } == "L-3")
            try after.close()
        }
    }
}
