import Foundation
import HandoffStore
import GRDB
import GRDBSQLite

/// Reads the current row of a statement a cursor is stepping, straight through SQLite's C API: for
/// scans of a million rows, where decoding each column through GRDB's `Row` costs more than SQLite's
/// own work. Only valid between the cursor's `next()` and the following one.
struct ColumnReader {
    let statement: SQLiteStatement
    /// Recently seen texts per column and their name index, so a repeated name is matched on its bytes
    /// without making a String.
    private var recent: [[(bytes: [UInt8], index: Int32)]]

    init(_ statement: Statement, columns: Int) {
        self.statement = statement.sqliteStatement
        recent = Array(repeating: [], count: columns)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    /// The column's text as an index in `names` (-1 for NULL).
    mutating func name(_ column: Int32, in names: inout NameTable) -> Int32 {
        guard let text = sqlite3_column_text(statement, column) else { return -1 }
        let count = Int(sqlite3_column_bytes(statement, column))
        let slot = Int(column)
        for entry in recent[slot] where entry.bytes.count == count && memcmp(entry.bytes, text, count) == 0 {
            return entry.index
        }
        let index = names.intern(String(cString: text))
        if recent[slot].count < 32 { recent[slot].append((Array(UnsafeBufferPointer(start: text, count: count)), index)) }
        return index
    }
}
