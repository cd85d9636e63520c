import PostgresNIO

/// Statements sent without waiting for their answers. The connection runs a session's statements one
/// after another in the order they were sent, so a writer can send a batch's first rows and go on
/// hashing and encoding the next while the server stores them: the client's work and the server's
/// overlap instead of taking turns. `Sent` holds the answers still to come; `settle` waits for every
/// one and throws the first failure (a failed statement aborts the transaction, and the statements
/// after it fail with it, saying only that).
extension PostgresSession {
    /// A statement sent and not yet answered.
    struct Sent {
        fileprivate let answer: EventLoopFuture<PostgresQueryResult>
    }

    /// Sends `query` and returns at once; its answer is waited for by `settle`.
    @available(*, noasync, message: "blocks its thread")
    func send(_ query: PostgresQuery) throws -> Sent {
        guard !connection.isClosed else {
            throw PostgresFailure(.connectionLost, "the connection to PostgreSQL at \(location.endpoint) has ended: open a new session")
        }
        var logger = connection.logger
        logger.logLevel = .critical
        return Sent(answer: connection.query(query, logger: logger))
    }

    /// Waits for every statement in `sent`, oldest first, and returns their rows in that order; throws
    /// the first failure after all have answered, so no statement is left running behind the caller.
    @available(*, noasync, message: "blocks its thread")
    func settle(_ sent: [Sent]) throws -> [[PostgresRow]] {
        var rows: [[PostgresRow]] = []
        rows.reserveCapacity(sent.count)
        var failure: (any Error)?
        for statement in sent {
            do {
                rows.append(try BlockingBridge.wait(statement.answer).rows)
            } catch {
                if failure == nil { failure = error }
                rows.append([])
            }
        }
        if let failure { throw PostgresFailure(failure, at: location) }
        return rows
    }
}
