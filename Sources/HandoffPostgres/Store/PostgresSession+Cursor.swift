import PostgresNIO

extension PostgresSession {
    /// Runs `query` through a cursor inside the caller's transaction (a snapshot read), handing `body` its
    /// rows `batch` at a time: reads over a million rows never hold them all (`rows` would).
    @available(*, noasync, message: "blocks its thread")
    func forEachRow(_ query: PostgresQuery, batch: Int, _ body: (PostgresRow) throws -> Void) throws {
        try execute(PostgresQuery(unsafeSQL: "DECLARE handoff_rows NO SCROLL CURSOR FOR " + query.sql, binds: query.binds))
        let fetch = PostgresQuery(unsafeSQL: "FETCH FORWARD \(max(batch, 1)) FROM handoff_rows")
        while true {
            let rows = try rows(fetch)
            for row in rows { try body(row) }
            if rows.count < max(batch, 1) { break }
        }
        try execute(sql: "CLOSE handoff_rows")
    }
}
