import PostgresNIO

extension PostgresSession {
    /// How much of other transactions' work a transaction may see (PostgreSQL's isolation levels).
    public enum Isolation: String, Sendable, Hashable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in one transaction: BEGIN, the body's statements, COMMIT; ROLLBACK when the body (or the
    /// commit) throws, and the error passed on. With `retries` above 0, a transaction that lost to a
    /// concurrent one (serialization failure or deadlock, `PostgresFailure.Kind.serializationFailure`) is
    /// rolled back and run again, body and all, up to that many more times, so the body must do nothing
    /// outside the database it cannot do twice.
    @discardableResult
    @available(*, noasync, message: "blocks its thread")
    public func transaction<Result>(_ isolation: Isolation = .readCommitted, readOnly: Bool = false, retries: Int = 0,
                                    _ body: (PostgresSession) throws -> Result) throws -> Result {
        var attempt = 0
        while true {
            try execute(sql: "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
            do {
                let result = try body(self)
                // PostgreSQL answers COMMIT of a transaction a failed statement aborted with ROLLBACK, not an error.
                if try commandTag(sql: "COMMIT") == "ROLLBACK" {
                    throw PostgresFailure(.server, "a transaction on PostgreSQL at \(location.endpoint) was rolled back: one of its statements failed and the error was not passed on")
                }
                return result
            } catch {
                if !isClosed { _ = try? execute(sql: "ROLLBACK") }
                if let failure = error as? PostgresFailure, failure.kind == .serializationFailure, attempt < retries {
                    attempt += 1
                    continue
                }
                throw error
            }
        }
    }
}
