import Foundation
import GRDB
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// The log's hash chain: written by every path that appends, walked by `auditLog`, and broken by each
/// way of changing the log behind Handoff's back (done here with SQL on the file, as sqlite3 would).
@Suite struct LogChainTests {
    /// A store with leads imported, routed, and acted on by an operator: every path that appends entries.
    func workspace() throws -> SQLiteStore {
        let store = try temporaryStore()
        try appendByEveryPath(to: store)
        return store
    }

    /// SQL run on the file as someone with sqlite3 would, past the log's append-only triggers.
    func tamper(_ store: SQLiteStore, _ sql: String) throws {
        try store.database.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_never_change; DROP TRIGGER IF EXISTS events_never_vanish;")
            try db.execute(sql: sql)
        }
    }

    @Test func namesAChangedEntry() throws {
        let store = try workspace()
        try tamper(store, "UPDATE events SET owner = 'mallory' WHERE seq = 40")
        let audit = try store.auditLog()
        #expect(audit.brokenAt == 40)
        #expect(audit.problem == "entry #40 was changed: its content no longer matches its hash")
        // The chain holds up to the entry before the first number #40 stands for (#39 too, when it is `decided`).
        let first = try store.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq - CASE kind WHEN 'decided' THEN 2 ELSE 1 END FROM events WHERE seq = 40")
        }
        #expect(audit.verified?.seq == first)
        let doctor = try store.doctor()
        #expect(!doctor.healthy && doctor.problems.contains { $0.hasPrefix("the log's hash chain: entry #40 was changed") })
    }

    @Test func namesRemovedEntries() throws {
        let store = try workspace()
        try tamper(store, "DELETE FROM events WHERE seq IN (12, 13)")
        let audit = try store.auditLog()
        #expect(audit.brokenAt == 14)
        #expect(audit.problem == "entries #12 to #13 were removed (the log goes from #11 to #14)")
    }

    @Test func namesTheNewestEntriesRemoved() throws {
        let store = try workspace()
        let newest = try #require(try store.logAnchor()).seq
        try tamper(store, "DELETE FROM events WHERE seq = \(newest)")
        let audit = try store.auditLog()
        #expect(audit.problem == "entry #\(newest), the newest Handoff wrote, was removed")
    }

    @Test func namesAnInsertedEntry() throws {
        let store = try workspace()
        // Room made by renumbering the entries after #20, and a forged entry put there.
        try tamper(store, """
            UPDATE events SET seq = seq + 1000000 WHERE seq > 20;
            UPDATE events SET seq = seq - 999999 WHERE seq > 1000000;
            INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (21, 1, 'annotated', 0, 'mallory', 9, zeroblob(32));
            """)
        let audit = try store.auditLog()
        #expect(audit.problem == "entry #21 was inserted: the entry after it follows straight from #20")
    }

    /// Appended with a hash computed the documented way: only the head the last write recorded gives it away.
    @Test func namesAnEntryAddedAfterTheNewest() throws {
        let store = try workspace()
        let tail = try store.database.read(LogTail.read)
        let forged = LogEntryHash.Entry(seq: tail.seq + 1, lead: 1, kind: "annotated", at: 0, actor: "mallory", leadVersion: 9)
        let hash = LogEntryHash.hash(forged, after: tail.hash)
        try tamper(store, "INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (\(forged.seq), 1, 'annotated', 0, 'mallory', 9, x'\(LogEntryHash.hex(hash))')")
        let audit = try store.auditLog()
        #expect(audit.problem == "entry #\(forged.seq) was added after #\(tail.seq), the newest entry Handoff wrote")
    }

    /// Someone who rewrites an entry and recomputes every hash after it (and the recorded head) leaves a
    /// chain that holds; an anchor kept elsewhere does not.
    @Test func anAnchorKeptElsewhereCatchesARewrittenLog() throws {
        let store = try workspace()
        let anchor = try #require(try store.logAnchor())
        let lead = try #require(try store.leads(LeadFilter(state: .received, limit: 1)).first ?? store.leads(LeadFilter(limit: 1)).first)
        _ = try store.apply(.annotate("later"), to: lead.lead.id, basedOn: nil, actor: "olga", at: tuesday, rulebookVersion: nil)
        #expect(try store.auditLog(anchor: anchor).anchorHeld == anchor)

        try tamper(store, "UPDATE events SET actor = 'mallory' WHERE seq = 5")
        try store.database.writeWithoutTransaction { db in
            var previous = LogEntryHash.genesis, buffer: [UInt8] = []
            var cursor = LogEntryCursor(try db.makeStatement(sql: "SELECT \(LogAuditor.columns) FROM events ORDER BY seq"), text: LogText(db: db, lists: store.storedWords))
            var rehashed: [(Int64, [UInt8])] = []
            while let (entry, _) = try cursor.next() {
                previous = LogEntryHash.hash(entry, after: previous, buffer: &buffer)
                rehashed.append((entry.seq, previous))
            }
            for (seq, hash) in rehashed { try db.execute(sql: "UPDATE events SET hash = ? WHERE seq = ?", arguments: [Data(hash), seq]) }
            try db.execute(sql: LogTail.recordHeadSQL)
        }
        #expect(try store.auditLog().intact)
        let audit = try store.auditLog(anchor: anchor)
        #expect(audit.anchorHeld == nil && audit.brokenAt == anchor.seq)
        #expect(audit.problem == "entry #\(anchor.seq)'s hash is not the anchor's: the log up to it was rewritten and its hashes recomputed")
    }

    /// A log written before the chain gets it, over its entries as they stand, and they read as before.
    @Test func anExistingLogIsChainedWhenMigrated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "11: shadow runs")
        try old.write { db in
            for n in 1...3 {
                try db.execute(sql: """
                    INSERT INTO leads (seq, id, idem_key, received_at, state, version, updated_at) VALUES (?, ?, ?, 0, 'flagged', 2, 0);
                    INSERT INTO events (lead, kind, at, actor, lead_version, to_state, reason) VALUES (?, 'received', ?, 'import', 1, 'received', 'web');
                    INSERT INTO events (lead, kind, at, actor, lead_version, from_state, to_state, reason) VALUES (?, 'flagged', ?, 'router', 2, 'received', 'flagged', 'no_route');
                    """, arguments: [n, LeadId.make(n), "k\(n)", n, Double(n), n, Double(n) + 0.5])
            }
        }
        try old.close()
        let before = try DatabaseQueue(path: path).read { try Row.fetchAll($0, sql: "SELECT * FROM events ORDER BY seq") }
        let heard = Heard()
        let store = try SQLiteStore(path: path, migrationProgress: { what, done, total in heard.add(what, done, total) })
        #expect(heard.calls.last(where: { $0.0 == "Chaining the log's entries" }).map { $0.1 == 6 && $0.2 == 6 } == true)
        let audit = try store.auditLog()
        #expect(audit.intact && audit.entries == 6)
        #expect(try store.events(lead: nil, after: 0, limit: 10).map(\.seq) == before.map { $0["seq"] as Int64 })
        #expect(try store.events(lead: nil, after: 0, limit: 10).map(\.kind.rawValue) == before.map { $0["kind"] as String })
        // The append-only triggers are back.
        #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "DELETE FROM events") } }
        // New entries chain on from the migrated ones.
        _ = try store.apply(.annotate("migrated"), to: "L-0000001", basedOn: nil, actor: "olga", at: tuesday, rulebookVersion: nil)
        #expect(try store.auditLog().intact)
    }
}

/// Progress calls a migration made.
// Safe to share: every read and write of `list` holds `lock`.
final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [(String, Int, Int)] = []
    func add(_ what: String, _ done: Int, _ total: Int) { lock.withLock { list.append((what, done, total)) } }
    var calls: [(String, Int, Int)] { lock.withLock { list } }
}
