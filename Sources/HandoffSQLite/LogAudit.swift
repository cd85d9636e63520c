import Foundation
import GRDB
import GRDBSQLite
import HandoffCore
import HandoffStore

/// Walks the chain. An entry whose hash is not SHA-256 of its predecessor's hash and its own content
/// breaks the chain; the entry after the break tells what happened: if it follows from the
/// predecessor, the broken one was inserted; if it follows from the broken one's stored hash, the
/// broken one's content was changed. Numbers that skip say entries were removed, and the head the last
/// write recorded says whether the newest were.
enum LogAuditor {
    /// What `LogEntryCursor` reads: an entry's content, then its hash.
    static let contentColumns = "seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state"
    static let columns = contentColumns + ", hash"

    static func audit(_ db: Database, anchor: LogAnchor?, progress: ((Int, Int) -> Void)?) throws -> LogAudit {
        let total = Int(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0)
        let head = try LogTail.recordedHead(db)
        let statement = try db.makeStatement(sql: "SELECT \(columns) FROM events ORDER BY seq")
        var cursor = LogEntryCursor(statement)
        var audit = LogAudit(entries: 0)
        var previous = LogTail.empty
        var buffer: [UInt8] = []
        var anchorHash: [UInt8]?

        var read = 0
        while let (entry, stored) = try cursor.next() {
            // A `routed` entry takes the numbers of the entries it stands for (`RoutedEntry`).
            let span = RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion)
            audit.entries += Int(span)
            read += 1
            if read & 4095 == 0 { progress?(audit.entries, total) }
            if entry.seq == anchor?.seq { anchorHash = stored }
            let expected = LogEntryHash.hash(entry, after: previous.hash, buffer: &buffer)
            let first = entry.seq - span + 1
            if first == previous.seq + 1, stored == expected {
                previous = LogTail(seq: entry.seq, hash: expected)
                continue
            }
            audit.brokenAt = entry.seq
            audit.problem = try breakage(at: entry, stored: stored, after: previous, head: head, next: cursor.next(), buffer: &buffer)
            break
        }
        progress?(audit.entries, total)
        audit.verified = previous.seq > 0 ? LogAnchor(seq: previous.seq, hash: previous.hash) : nil
        if audit.problem == nil, let head {
            if previous.seq < head.seq {
                audit.problem = previous.seq + 1 == head.seq
                    ? "entry #\(head.seq), the newest Handoff wrote, was removed"
                    : "entries #\(previous.seq + 1) to #\(head.seq), the newest Handoff wrote, were removed"
                audit.brokenAt = previous.seq + 1
            } else if previous.seq > head.seq {
                // Chained the documented way, but after the newest entry any write of Handoff's recorded.
                audit.problem = previous.seq == head.seq + 1
                    ? "entry #\(previous.seq) was added after #\(head.seq), the newest entry Handoff wrote"
                    : "entries #\(head.seq + 1) to #\(previous.seq) were added after #\(head.seq), the newest entry Handoff wrote"
                audit.brokenAt = head.seq + 1
                audit.verified = LogAnchor(seq: head.seq, hash: head.hash)
            } else if previous.seq == head.seq, previous.hash != head.hash {
                audit.problem = "entry #\(head.seq) is not the entry Handoff wrote last: it was replaced, with the hashes before it"
                audit.brokenAt = head.seq
            }
        }
        if let anchor {
            if let hash = anchorHash, hash == anchor.hash, anchor.seq <= previous.seq {
                audit.anchorHeld = anchor
            } else if anchor.seq <= previous.seq || anchorHash != nil {
                // The chain holds to the anchor's entry, but not to the anchor: rewritten with new hashes.
                let finding = "entry #\(anchor.seq)'s hash is not the anchor's: the log up to it was rewritten and its hashes recomputed"
                if audit.problem == nil || (audit.brokenAt ?? .max) > anchor.seq {
                    audit.problem = finding
                    audit.brokenAt = anchor.seq
                }
            } else if audit.problem == nil {
                audit.problem = "the anchor names entry #\(anchor.seq), but the log ends at #\(previous.seq): entries were removed"
                audit.brokenAt = previous.seq + 1
            }
        }
        return audit
    }

    /// What an entry that does not follow its predecessor says about what was done.
    static func breakage(at entry: LogEntryHash.Entry, stored: [UInt8]?, after previous: LogTail, head: LogAnchor?,
                         next: (LogEntryHash.Entry, [UInt8]?)?, buffer: inout [UInt8]) -> String {
        let first = entry.seq - RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion) + 1
        if first > previous.seq + 1 {
            let gap = previous.seq + 1 == first - 1 ? "entry #\(previous.seq + 1) was removed" : "entries #\(previous.seq + 1) to #\(first - 1) were removed"
            return "\(gap) (the log goes from #\(previous.seq) to #\(entry.seq))"
        }
        if let head, entry.seq > head.seq {
            return "entry #\(entry.seq) was added after #\(head.seq), the newest entry Handoff wrote"
        }
        if let (following, hash) = next {
            var renumbered = following
            renumbered.seq -= RoutedEntry.span(kind: entry.kind, leadVersion: entry.leadVersion)
            if hash == LogEntryHash.hash(following, after: previous.hash, buffer: &buffer)
                || hash == LogEntryHash.hash(renumbered, after: previous.hash, buffer: &buffer) {
                return "entry #\(entry.seq) was inserted: the entry after it follows straight from #\(previous.seq)"
            }
            if let stored, hash == LogEntryHash.hash(following, after: stored, buffer: &buffer) {
                return "entry #\(entry.seq) was changed: its content no longer matches its hash"
            }
        } else if stored == nil || head == nil {
            return "entry #\(entry.seq) was added or changed: it does not follow from #\(previous.seq)"
        }
        return "entry #\(entry.seq) does not follow from #\(previous.seq): it, or an entry before it, was changed, inserted or removed, and the hashes after it rewritten"
    }
}

/// Steps the log's entries with SQLite's C API (a million of them are read per audit or migration).
struct LogEntryCursor {
    private let owner: Statement
    private let statement: SQLiteStatement

    init(_ statement: Statement) {
        owner = statement
        self.statement = statement.sqliteStatement
    }

    mutating func next() throws -> (LogEntryHash.Entry, [UInt8]?)? {
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
        let entry = LogEntryHash.Entry(
            seq: sqlite3_column_int64(statement, 0), lead: sqlite3_column_int64(statement, 1), kind: text(2) ?? "",
            at: sqlite3_column_double(statement, 3), actor: text(4) ?? "", leadVersion: sqlite3_column_int64(statement, 5),
            rulebook: text(6), reason: text(7), owner: text(8), previousOwner: text(9), text: text(10), from: text(11), to: text(12))
        var hash: [UInt8]?
        if sqlite3_column_type(statement, 13) != SQLITE_NULL, let bytes = sqlite3_column_blob(statement, 13) {
            hash = Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, 13))))
        }
        return (entry, hash)
    }

    private func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }
}

extension SQLiteStore {
    /// Walks the log's hash chain from the first entry and names the first one that was changed, removed
    /// or inserted behind Handoff's back; with `anchor` (kept elsewhere), also proves the log up to that
    /// entry is the one the anchor was taken from. `progress` is told entries read and the log's length.
    public func auditLog(anchor: LogAnchor? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> LogAudit {
        try read { db in try LogAuditor.audit(db, anchor: anchor, progress: progress) }
    }

    /// The newest entry's number and hash, to keep elsewhere; nil for an empty log.
    public func logAnchor() throws -> LogAnchor? {
        try read { db in
            let tail = try LogTail.read(db)
            return tail.seq > 0 ? LogAnchor(seq: tail.seq, hash: tail.hash) : nil
        }
    }
}
