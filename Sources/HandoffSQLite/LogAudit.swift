import Foundation
import GRDB
import GRDBSQLite
import HandoffCore
import HandoffStore

/// Walks the chain (`LogChainWalk`, the same on every engine) over SQLite's log.
enum LogAuditor {
    /// What `LogEntryCursor` reads: an entry's content, then its hash.
    static let contentColumns = "seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state"
    static let columns = contentColumns + ", hash"

    static func audit(_ db: Database, words: StoredWordLists, anchor: LogAnchor?, progress: ((Int, Int) -> Void)?) throws -> LogAudit {
        let total = Int(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0)
        var walk = LogChainWalk(anchor: anchor, head: try LogTail.recordedHead(db), total: total, progress: progress)
        var cursor = LogEntryCursor(try db.makeStatement(sql: "SELECT \(columns) FROM events ORDER BY seq"), text: LogText(db: db, lists: words))
        while let (entry, stored) = try cursor.next(), walk.add(entry, stored: stored, unreadable: cursor.unreadable) {}
        return walk.finish()
    }
}

/// Steps the log's entries with SQLite's C API (a million of them are read per audit or migration).
struct LogEntryCursor {
    private let owner: Statement
    private let statement: SQLiteStatement
    /// Decodes coded texts (`ExceptionsTextCode`); without it (the log before words existed) texts are read as stored.
    private let logText: LogText?
    /// Why the last entry's stored text could not be read, if it could not.
    private(set) var unreadable: String?

    init(_ statement: Statement, text: LogText? = nil) {
        owner = statement
        self.statement = statement.sqliteStatement
        logText = text
    }

    mutating func next() throws -> (LogEntryHash.Entry, [UInt8]?)? {
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
        let rulebook = text(6)
        let entryText: String?
        (entryText, unreadable) = self.entryText(rulebook: rulebook)
        let entry = LogEntryHash.Entry(
            seq: sqlite3_column_int64(statement, 0), lead: sqlite3_column_int64(statement, 1), kind: text(2) ?? "",
            at: sqlite3_column_double(statement, 3), actor: text(4) ?? "", leadVersion: sqlite3_column_int64(statement, 5),
            rulebook: rulebook, reason: text(7), owner: text(8), previousOwner: text(9), text: entryText,
            from: text(11), to: text(12))
        var hash: [UInt8]?
        if sqlite3_column_type(statement, 13) != SQLITE_NULL, let bytes = sqlite3_column_blob(statement, 13) {
            hash = Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, 13))))
        }
        return (entry, hash)
    }

    /// Column 10, decoded when a writer stored it coded, and why it could not be if it could not.
    private func entryText(rulebook: String?) -> (String?, String?) {
        guard let logText, sqlite3_column_type(statement, 10) == SQLITE_BLOB else { return (text(10), nil) }
        let count = Int(sqlite3_column_bytes(statement, 10))
        let bytes = sqlite3_column_blob(statement, 10).map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
        return logText.decoded(bytes, rulebook: rulebook)
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
        try read { db in try LogAuditor.audit(db, words: storedWords, anchor: anchor, progress: progress) }
    }

    /// The newest entry's number and hash, to keep elsewhere; nil for an empty log.
    public func logAnchor() throws -> LogAnchor? {
        try read { db in
            let tail = try LogTail.read(db)
            return tail.seq > 0 ? LogAnchor(seq: tail.seq, hash: tail.hash) : nil
        }
    }
}
