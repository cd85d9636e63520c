import Foundation
import GRDB
import GRDBSQLite
import HandoffCore
import HandoffStore

/// Steps a prepared statement with SQLite's C API and reads leads from its columns (`LeadColumns.select`
/// order, then anything after). For replays of a million rows: GRDB's generic row decoding (a column-name
/// table per row, a metadata lookup per value) cost three times SQLite's own work.
struct RawLeadReader {
    /// Held so the statement is not finalized while its raw handle is in use.
    private let owner: Statement
    private let statement: SQLiteStatement

    init(_ statement: Statement, arguments: StatementArguments) throws {
        try statement.setArguments(arguments)
        owner = statement
        self.statement = statement.sqliteStatement
    }

    /// Binds whole numbers to the statement's parameters, in order, for another walk through its rows.
    func rebind(_ values: Int...) throws {
        sqlite3_reset(statement)
        for (i, value) in values.enumerated() {
            let code = sqlite3_bind_int64(statement, Int32(i + 1), Int64(value))
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
            }
        }
    }

    /// Calls `body` for each row until the statement is done; the reader's columns are valid inside it.
    func forEachRow(_ body: () throws -> Void) throws {
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
            }
            try body()
        }
    }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The lead in the row's first `LeadColumns.names.count` columns.
    func lead() -> Lead {
        var attributes: [String: String] = [:]
        if let raw = text(20), let decoded = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)) {
            attributes = decoded
        }
        return Lead(
            id: text(0) ?? "", externalId: text(2), source: text(4),
            receivedAt: Date(timeIntervalSince1970: double(3) ?? 0), email: text(5), firstName: text(6),
            lastName: text(7), title: text(8), company: text(9), website: text(10), phone: text(11),
            country: text(12), region: text(13), postalCode: text(14), timezone: text(15), employees: text(16),
            annualRevenue: text(17), industry: text(18), score: text(19), attributes: attributes
        )
    }
}
