import PostgresNIO

/// Rows for one table, kept and written as multi-row INSERTs: a statement a few thousand rows, not one a
/// row (each statement is a round trip to the server), and never more kept than one statement takes.
struct PostgresRowWriter {
    private let head: String
    private let suffix: String
    let width: Int
    /// Rows a statement takes at most: PostgreSQL binds at most 65,535 parameters a statement.
    let rowsPerStatement: Int
    private var binds = PostgresBindings()
    private(set) var rows = 0

    init(into table: String, columns: [String], then suffix: String = "", rowsPerStatement: Int = 2_000) {
        head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        self.suffix = suffix.isEmpty ? "" : " " + suffix
        width = columns.count
        self.rowsPerStatement = min(rowsPerStatement, 65_535 / columns.count)
    }

    /// Adds a row: `bind` appends its values, one for each column in order.
    @available(*, noasync, message: "blocks its thread")
    mutating func add(_ session: PostgresSession, _ bind: (inout PostgresBindings) -> Void) throws {
        bind(&binds)
        rows += 1
        if rows == rowsPerStatement { try flush(session) }
    }

    /// Writes the rows kept.
    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        guard rows > 0 else { return }
        let sql = head + PostgresRows.placeholders(rows: rows, width: width) + suffix
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        binds = PostgresBindings()
        rows = 0
        try session.execute(query)
    }
}
