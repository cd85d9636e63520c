import GRDB
import GRDBSQLite

/// A prepared statement bound and run with SQLite's C API, for the paths that write a row per lead:
/// GRDB's `StatementArguments` box every value and look up its type, which cost imports and routing
/// more than SQLite's own work.
struct RawStatement {
    /// Held so the statement is not finalized while its raw handle is in use.
    private let owner: Statement
    private let handle: SQLiteStatement

    init(_ statement: Statement) {
        owner = statement
        handle = statement.sqliteStatement
        // GRDB leaves a cached statement it ran un-reset, and SQLite ignores binds until it is reset.
        sqlite3_reset(handle)
    }

    /// Binds text (copied by SQLite into the statement's own buffer, which it reuses row after row).
    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would read as NULL.
            let start = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? RawStatement.empty
            sqlite3_bind_text(handle, index, start, Int32(bytes.count), RawStatement.transient)
        }
    }

    /// Binds bytes as a BLOB (copied, like text).
    func bind(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // As for text: an empty buffer may have no address, which SQLite would read as NULL.
            let start = raw.baseAddress ?? UnsafeRawPointer(RawStatement.empty)
            sqlite3_bind_blob(handle, index, start, Int32(raw.count), RawStatement.transient)
        }
    }

    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Runs a statement that returns no rows, leaving it ready for the next; the number of rows changed.
    @discardableResult
    func run() throws -> Int {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Whether a query finds a row (its first step), leaving it ready for the next.
    func exists() throws -> Bool {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return code == SQLITE_ROW
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                      sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLite's "copy this now" destructor.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
    /// A NUL in the binary's constant data: the text bound for an empty string.
    private static var empty: UnsafePointer<CChar> {
        UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
