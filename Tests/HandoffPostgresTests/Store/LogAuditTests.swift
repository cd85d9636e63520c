import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import NIOCore
import PostgresNIO
import Testing

/// The log's hash chain on PostgreSQL: intact as copied, and each way of changing the log behind Handoff's
/// back (done as a superuser would, with the append-only trigger disabled) named exactly as SQLite names it.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct LogAuditTests {
    /// The log's stored entries' numbers, oldest first.
    func storedNumbers(_ twins: EngineTwins) async throws -> [Int64] {
        try await onThread { try twins.postgres.readOne { try $0.values("SELECT seq FROM events ORDER BY seq", as: Int64.self) } }
    }

    func audits(_ twins: EngineTwins, anchor: LogAnchor? = nil) async throws -> (sqlite: LogAudit, postgres: LogAudit) {
        try await twins.both { try $0.auditLog(anchor: anchor, progress: nil) }
    }

    @Test func aCopiedLogIsIntactAndAnchoredAlike() async throws {
        try await EngineTwins.run { twins in
            let (anchor, anchorPG) = try await twins.both { try $0.logAnchor() }
            #expect(anchor != nil && anchor == anchorPG)
            let (a, b) = try await audits(twins, anchor: anchor)
            #expect(a == b && b.intact && b.anchorHeld == anchor && b.verified == anchor)
            // Written on PostgreSQL after the copy: still chained, and the old anchor still holds.
            let lead = LeadId.make(33)
            _ = try await twins.both { try $0.apply(.annotate("later"), to: lead, basedOn: nil, actor: "olga", at: EngineTwins.tuesday, rulebookVersion: nil) }
            let (c, d) = try await audits(twins, anchor: anchor)
            #expect(c == d && d.intact && d.anchorHeld == anchor && d.entries == Int(anchor!.seq) + 1)
            let empty = try await TestServer.freshDatabase()
            let none = try await onThread {
                let store = try PostgresStore(location: empty, creating: true)
                defer { store.close() }
                return (try store.logAnchor(), try store.auditLog(anchor: nil, progress: nil))
            }
            #expect(none.0 == nil && none.1 == LogAudit(entries: 0))
            try await TestServer.drop(empty)
        }
    }

    @Test func namesAChangedEntry() async throws {
        try await EngineTwins.run { twins in
            let seq = try await storedNumbers(twins)[20]
            try await onThread {
                try twins.tamperSQLite("UPDATE events SET owner = 'mallory' WHERE seq = \(seq)")
                try twins.tamperPostgres(["UPDATE events SET owner = 'mallory' WHERE seq = \(seq)"])
            }
            let (a, b) = try await audits(twins)
            #expect(a == b)
            #expect(b.brokenAt == seq && b.problem == "entry #\(seq) was changed: its content no longer matches its hash")
            let doctor = try await onThread { try twins.postgres.doctor() }
            #expect(!doctor.healthy && doctor.problems.contains { $0.hasPrefix("the log's hash chain: entry #\(seq) was changed") })
        }
    }

    @Test func namesRemovedEntries() async throws {
        try await EngineTwins.run { twins in
            let numbers = try await storedNumbers(twins)
            let (x, y) = (numbers[25], numbers[26])
            try await onThread {
                try twins.tamperSQLite("DELETE FROM events WHERE seq IN (\(x), \(y))")
                try twins.tamperPostgres(["DELETE FROM events WHERE seq IN (\(x), \(y))"])
            }
            let (a, b) = try await audits(twins)
            #expect(a == b)
            #expect(b.problem == "entries #\(x) to #\(y) were removed (the log goes from #\(numbers[24]) to #\(numbers[27]))")
        }
    }

    @Test func namesTheNewestEntryRemoved() async throws {
        try await EngineTwins.run { twins in
            let newest = try await storedNumbers(twins).last!
            try await onThread {
                try twins.tamperSQLite("DELETE FROM events WHERE seq = \(newest)")
                try twins.tamperPostgres(["DELETE FROM events WHERE seq = \(newest)"])
            }
            let (a, b) = try await audits(twins)
            #expect(a == b && b.problem == "entry #\(newest), the newest Handoff wrote, was removed")
        }
    }

    @Test func namesAnInsertedEntry() async throws {
        try await EngineTwins.run { twins in
            let at = try await storedNumbers(twins)[30]
            try await onThread {
                // Room made by renumbering the entries after it, and a forged entry put there.
                try twins.tamperSQLite("""
                    UPDATE events SET seq = seq + 1000000 WHERE seq > \(at);
                    UPDATE events SET seq = seq - 999999 WHERE seq > 1000000;
                    INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (\(at + 1), 1, 'annotated', 0, 'mallory', 9, zeroblob(32));
                    """)
                try twins.tamperPostgres([
                    "UPDATE events SET seq = seq + 1000000 WHERE seq > \(at)",
                    "UPDATE events SET seq = seq - 999999 WHERE seq > 1000000",
                    "INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (\(at + 1), 1, 'annotated', 0, 'mallory', 9, decode(repeat('00', 32), 'hex'))",
                ])
            }
            let (a, b) = try await audits(twins)
            #expect(a == b && b.problem == "entry #\(at + 1) was inserted: the entry after it follows straight from #\(at)")
        }
    }

    /// Appended with a hash computed the documented way: only the head the last write recorded gives it away.
    @Test func namesAnEntryAddedAfterTheNewest() async throws {
        try await EngineTwins.run { twins in
            let tailRead = try await onThread { try twins.postgres.logAnchor() }
            let tail = try #require(tailRead)
            let forged = LogEntryHash.Entry(seq: tail.seq + 1, lead: 1, kind: "annotated", at: 0, actor: "mallory", leadVersion: 9)
            let hex = LogEntryHash.hex(LogEntryHash.hash(forged, after: tail.hash))
            try await onThread {
                try twins.tamperSQLite("INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (\(forged.seq), 1, 'annotated', 0, 'mallory', 9, x'\(hex)')")
                try twins.tamperPostgres(["INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash) VALUES (\(forged.seq), 1, 'annotated', 0, 'mallory', 9, decode('\(hex)', 'hex'))"])
            }
            let (a, b) = try await audits(twins)
            #expect(a == b && b.problem == "entry #\(forged.seq) was added after #\(tail.seq), the newest entry Handoff wrote")
        }
    }

    /// A log longer than a page of the walk: read a page at a time, told as it goes, and a change at a
    /// page's last entry (whose verdict needs the next page's first) named all the same.
    @Test func walksALongLogAPageAtATime() async throws {
        let location = try await TestServer.freshDatabase()
        let count = PostgresStore.auditPage * 2 + 500
        try await onThread {
            let store = try PostgresStore(location: location, creating: true)
            defer { store.close() }
            let at = EngineTwins.tuesday
            try store.write { tx in
                try tx.execute("""
                    INSERT INTO leads (seq, id, idem_key, received_at, state, version, updated_at)
                    VALUES (1, 'L-0000001', 'k1', \(at.timeIntervalSince1970), 'received', \(count), \(at.timeIntervalSince1970))
                    """)
                var events = try PostgresEventWriter(tx, at: at)
                try events.append(1, .received, actor: "import", version: 1, rulebook: nil, reason: nil, detail: EventDetail(to: .received), session: tx)
                for version in 2...count {
                    try events.append(1, .annotated, actor: "olga", version: version, rulebook: nil, reason: nil, detail: EventDetail(text: "note \(version)"), session: tx)
                }
                try events.flush(tx)
            }
            var told: [(Int, Int)] = []
            let audit = try store.auditLog(anchor: LogAnchor(seq: 15_000, hash: try store.readOne { s in
                Array(try s.value("SELECT hash FROM events WHERE seq = 15000", as: ByteBuffer.self)!.readableBytesView)
            }), progress: { told.append(($0, $1)) })
            #expect(audit.intact && audit.entries == count && audit.anchorHeld?.seq == 15_000 && audit.verified?.seq == Int64(count))
            #expect(told.count == count / 4_096 + 1 && told.last! == (count, count) && told.allSatisfy { $0.1 == count })
            let doctor = try store.doctor()
            #expect(doctor.healthy && doctor.events == count && doctor.leads == 1, "\(doctor.problems.prefix(3))")

            let edge = Int64(PostgresStore.auditPage)
            try store.pool.with { s in
                try s.execute(sql: "ALTER TABLE events DISABLE TRIGGER events_never_change")
                try s.execute("UPDATE events SET text = 'forged' WHERE seq = \(edge)")
            }
            let broken = try store.auditLog(anchor: nil, progress: nil)
            #expect(broken.problem == "entry #\(edge) was changed: its content no longer matches its hash")
            #expect(broken.brokenAt == edge && broken.verified?.seq == edge - 1 && broken.entries == Int(edge))
        }
        try await TestServer.drop(location)
    }
}
