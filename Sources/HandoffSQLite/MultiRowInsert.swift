import GRDB
import Synchronization

/// INSERTs of several rows a statement into one table, kept by how many rows each takes. SQLite opens
/// its cursors on the table and its indexes and finishes a statement once a statement, not once a
/// row: on a bulk import that was a quarter of what it spent. `OR FAIL`: a failing row fails the whole
/// write, which is one transaction, so SQLite need not keep a statement journal to take back the rows
/// before it (seconds of writing a temporary file on a bulk import).
struct MultiRowInsert {
    private let db: Database
    private let table: String
    private let names: [String]
    /// Parameters a row binds.
    let columns: Int32
    private var statements: [Int: RawStatement] = [:]

    /// Rows a statement when a writer has many: enough to spread a statement's fixed costs thin, well
    /// within SQLite's limit of parameters, and few statement sizes to keep (one for each run's length).
    static let rowsAStatement = 50

    init(_ db: Database, into table: String, columns names: [String]) {
        self.db = db
        self.table = table
        self.names = names
        columns = Int32(names.count)
    }

    /// The statement for `rows` rows; row `r`'s parameters start after `r * columns`.
    mutating func statement(rows: Int) throws -> RawStatement {
        if let statement = statements[rows] { return statement }
        let statement = RawStatement(try db.cachedStatement(sql: Self.sql(into: table, columns: names, rows: rows)))
        statements[rows] = statement
        return statement
    }

    /// The text of every statement made so far, by table, columns and rows: building it again (a few
    /// kilobytes for fifty rows) cost a small write more than running it.
    private static let texts = Mutex<[TextKey: String]>([:])

    private struct TextKey: Hashable {
        var table: String
        var names: [String]
        var rows: Int
    }

    static func sql(into table: String, columns names: [String], rows: Int) -> String {
        let key = TextKey(table: table, names: names, rows: rows)
        if let text = texts.withLock({ $0[key] }) { return text }
        let text = makeSQL(into: table, columns: names, rows: rows)
        texts.withLock { $0[key] = text }
        return text
    }

    private static func makeSQL(into table: String, columns names: [String], rows: Int) -> String {
        let row = "(" + repeatElement("?", count: names.count).joined(separator: ", ") + ")"
        return "INSERT OR FAIL INTO \(table) (\(names.joined(separator: ", "))) VALUES "
            + repeatElement(row, count: rows).joined(separator: ", ")
    }

    /// `0..<count` in runs of `rowsAStatement` (the last one shorter).
    static func runs(of count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: rowsAStatement).map { $0..<min($0 + rowsAStatement, count) }
    }
}
