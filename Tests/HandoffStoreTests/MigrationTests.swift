import Foundation
import GRDB
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore
import HandoffStoreContractTests

@Suite struct MigrationTests {
    /// A database file migrated only up to `version`, written by `fill`, in a folder `body` may use.
    func oldDatabase(upTo version: String, _ fill: (Database) throws -> Void = { _ in }, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: version)
        try old.write(fill)
        try old.close()
        try body(path)
    }

    /// A database made by the first schema version opens under the current one with nothing lost.
    @Test func aFirstVersionDatabaseMigratesInPlace() throws {
        try oldDatabase(upTo: "1: leads, events, projections") { path in
            let store = try SQLiteStore(path: path)
            _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
            try store.setAbsence(OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30"), by: "olga", at: tuesday)
            #expect(try store.absences() == [OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30")])
            let applied = try store.database.read { try Schema.migrator.appliedMigrations($0) }
            #expect(applied == ["1: leads, events, projections", "2: owner absences set at run time", "3: the console's orderings", "4: the SLA timer's candidates",
                               "5: owner pauses", "6: the fairness ledger's forgiven shares", "7: the notification outbox",
                               "8: the log refers to leads by number", "9: withdrawn owner absences", "10: arrivals by time", "11: shadow runs",
                               "12: the delivery log", "13: the log's hash chain", "14: routed entries in the log's partial indexes",
                               "15: leads by owner, only those with one", "16: claims on exceptions and consoles' presence",
                               "17: roles granted in the database", "18: decided entries among the hand-offs",
                               "19: the words decisions are coded with", "20: per-lead indexes end with the row's own number",
                               "21: lead ids made from their numbers"])
            // Withdrawn, the window is gone for routing now but kept for replaying what was decided before.
            let withdrawn = try store.withdrawAbsences(owner: "ana", by: "olga", at: tuesday.addingTimeInterval(60))
            #expect(withdrawn == [OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30")])
            #expect(try store.absences().isEmpty)
            #expect(try store.absences(asOf: tuesday.addingTimeInterval(30)) == withdrawn)
            #expect(try store.absences(asOf: tuesday.addingTimeInterval(90)).isEmpty)
            #expect(try store.withdrawAbsences(owner: "ana", by: "olga", at: tuesday.addingTimeInterval(120)).isEmpty)
        }
    }

    /// A log written when entries named their lead by id text reads the same once entries refer to lead numbers.
    @Test func aLogByLeadIdMigratesToLeadNumbers() throws {
        try oldDatabase(upTo: "7: the notification outbox", { db in
            for n in 1...3 {
                try db.execute(sql: """
                    INSERT INTO leads (id, idem_key, received_at, state, owner, version, updated_at)
                    VALUES (?, ?, 1795530600, ?, ?, ?, 1795530600)
                    """, arguments: ["L-000000\(n)", "key-\(n)", n == 2 ? "assigned" : "received", n == 2 ? "ana" : nil, n == 2 ? 3 : 1])
            }
            // Lead 2's entries come after lead 3's arrival, so the log's order is not the leads' order.
            for (lead, kind, version, from, to) in [("L-0000001", "received", 1, nil, "received"), ("L-0000002", "received", 1, nil, "received"),
                                                    ("L-0000003", "received", 1, nil, "received"), ("L-0000002", "checked", 2, "received", "ready"),
                                                    ("L-0000002", "assigned", 3, "ready", "assigned")] as [(String, String, Int, String?, String)] {
                try db.execute(sql: """
                    INSERT INTO events (lead_id, kind, at, actor, lead_version, owner, from_state, to_state)
                    VALUES (?, ?, 1795530600, 'router', ?, ?, ?, ?)
                    """, arguments: [lead, kind, version, kind == "assigned" ? "ana" : nil, from, to])
            }
            try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES ('ana', 1)")
        }) { path in
            let store = try SQLiteStore(path: path)
            let history = try store.events(lead: "L-0000002", after: 0, limit: 10)
            #expect(history.map(\.seq) == [2, 4, 5])
            #expect(history.map(\.leadId) == ["L-0000002", "L-0000002", "L-0000002"])
            #expect(history.map(\.kind) == [.received, .checked, .assigned])
            #expect(try store.events(lead: nil, after: 0, limit: 10).map(\.leadId) == ["L-0000001", "L-0000002", "L-0000003", "L-0000002", "L-0000002"])
            #expect(try store.events(lead: "L-2", after: 0, limit: 10).isEmpty)
            #expect(try store.doctor().problems.isEmpty)
            #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "UPDATE events SET kind = 'accepted'") } }
            #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "DELETE FROM events") } }
            // New entries refer to their lead by number, and a lead that does not exist cannot get one.
            #expect(throws: DatabaseError.self) {
                try store.database.write { try $0.execute(sql: "INSERT INTO events (lead, kind, at, actor, lead_version) VALUES (99, 'annotated', 0, 'olga', 2)") }
            }
        }
    }
}
