import GRDB
import GRDBSQLite

/// A prepared statement bound and run with SQLite's C API, for the paths that write a row per lead:
/// GRDB's `StatementArguments` box every value and look up its type, which cost imports and routing
/// more than SQLite's own work.
struct RawStatement {
    /// Held so the statement is not finalized while its raw handle is in use.
    private let owner: Statement
    private let handle: SQLiteStatement
    /// The text and blobs bound since the statement last ran.
    private let bound = BoundBytes()

    init(_ statement: Statement) {
        owner = statement
        handle = statement.sqliteStatement
        // GRDB leaves a cached statement it ran un-reset, and SQLite ignores binds until it is reset. Bindings
        // another wrapper of the same cached statement left may point into bytes since freed: cleared.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds text, copied into the statement's `BoundBytes` until it runs.
    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            // An empty string is bound as a constant NUL: a zero-length copy may have no address of its own.
            guard !bytes.isEmpty else {
                sqlite3_bind_text(handle, index, RawStatement.empty, 0, RawStatement.unowned)
                return
            }
            let copy = bound.keep(UnsafeRawBufferPointer(bytes)).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(handle, index, copy, Int32(bytes.count), RawStatement.unowned)
        }
    }

    /// Binds bytes as a BLOB, copied like text.
    func bind(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // As for text: an empty blob is bound as a constant, not as NULL.
            let copy = raw.isEmpty ? UnsafeRawPointer(RawStatement.empty) : bound.keep(raw)
            sqlite3_bind_blob(handle, index, copy, Int32(raw.count), RawStatement.unowned)
        }
    }

    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    /// Runs a statement that returns no rows, leaving it ready for the next; the number of rows changed.
    @discardableResult
    func run() throws -> Int {
        defer { reset() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Whether a query finds a row (its first step), leaving it ready for the next.
    func exists() throws -> Bool {
        defer { reset() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return code == SQLITE_ROW
    }

    /// Ready to bind and run again. Bindings that point into `bound` are cleared before it is written
    /// over: a parameter left unbound next time reads NULL, never another run's bytes.
    private func reset() {
        sqlite3_reset(handle)
        if bound.holding {
            sqlite3_clear_bindings(handle)
            bound.reuse()
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                      sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLite's "read it in place, it stays until the statement is reset" destructor (SQLITE_STATIC).
    private static var unowned: sqlite3_destructor_type? { nil }
    /// A NUL in the binary's constant data: the text bound for an empty string.
    private static var empty: UnsafePointer<CChar> {
        UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
