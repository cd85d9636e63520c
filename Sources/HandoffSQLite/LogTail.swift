import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The newest entry of the log, the one the next entry is chained to: its number and hash (32 zero
/// bytes and 0 for an empty log).
struct LogTail: Sendable, Hashable {
    var seq: Int64
    var hash: [UInt8]

    static let empty = LogTail(seq: 0, hash: LogEntryHash.genesis)

    static func read(_ db: Database) throws -> LogTail {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) else { return .empty }
        let hash = (row["hash"] as Data?).map { [UInt8]($0) } ?? LogEntryHash.genesis
        return LogTail(seq: row["seq"], hash: hash)
    }

    /// Keeps the newest entry's number and hash in `meta` (`log_head`), so an audit notices entries
    /// taken off the end of the log, which leave no break in the chain. Run by every write transaction.
    static let recordHeadSQL = """
        INSERT OR REPLACE INTO meta (key, value)
        SELECT 'log_head', seq || ':' || lower(hex(hash)) FROM events WHERE seq = (SELECT MAX(seq) FROM events)
        """

    /// The head recorded by the last write, if any.
    static func recordedHead(_ db: Database) throws -> LogAnchor? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'log_head'").flatMap(LogAnchor.init(text:))
    }
}
