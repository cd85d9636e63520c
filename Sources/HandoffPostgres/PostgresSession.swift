import PostgresNIO

/// One connection to a workspace's PostgreSQL database, used synchronously: every call blocks the calling
/// thread until the server answers (`BlockingBridge` says which threads may), and every failure is a
/// `PostgresFailure` that says what to do.
///
/// The connection's I/O runs on `PostgresThreads.group`. A session holds no state of its own beyond the
/// connection, so it can be handed between threads; statements from two threads at once are queued on the
/// one connection, which is why a transaction's statements must all come from the thread that opened it.
public final class PostgresSession: Sendable {
    public let location: PostgresLocation
    let connection: PostgresConnection

    init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    deinit {
        // The connection is kept until its close completes: postgres-nio asserts (in debug builds) that a
        // connection is closed when it goes, and a session dropped without `close()` must not stop the process.
        let connection = self.connection
        connection.close().whenComplete { _ in _ = connection }
    }

    /// Connects to `location`'s database.
    @available(*, noasync, message: "blocks its thread: open sessions from a thread of their own")
    public static func open(_ location: PostgresLocation, passwords: PasswordLookup = PasswordLookup(),
                            keepalive: Keepalive = .standard, group: any EventLoopGroup = PostgresThreads.group) throws -> PostgresSession {
        let connector = PostgresConnector(location: location, passwords: passwords, keepalive: keepalive, group: group)
        return PostgresSession(location: location, connection: try connector.connect())
    }

    /// Whether the connection has ended (closed here, or lost).
    public var isClosed: Bool { connection.isClosed }

    /// Ends the connection; a session's advisory locks and LISTENs end with it.
    @available(*, noasync, message: "blocks its thread")
    public func close() {
        guard !connection.isClosed else { return }
        // Bounded: closing a connection the server already ended may never be answered.
        _ = try? BlockingBridge.wait(connection.close(), timeout: 2)
    }

    // MARK: Statements

    /// Runs `query` and returns its rows.
    @available(*, noasync, message: "blocks its thread")
    public func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try result(query).rows
    }

    /// Runs `query` and returns how many rows it inserted, updated or deleted (0 for other statements).
    @discardableResult
    @available(*, noasync, message: "blocks its thread")
    public func execute(_ query: PostgresQuery) throws -> Int {
        try result(query).metadata.rows ?? 0
    }

    /// Runs a statement written in full (DDL, `BEGIN`, ...): no values bound.
    @discardableResult
    @available(*, noasync, message: "blocks its thread")
    public func execute(sql: String) throws -> Int {
        try execute(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs `query` and reads each row as `types`, in column order.
    @available(*, noasync, message: "blocks its thread")
    public func rows<each Column: PostgresDecodable>(_ query: PostgresQuery, as types: (repeat each Column).Type) throws -> [(repeat each Column)] {
        let rows = try result(query).rows
        do {
            return try rows.map { try $0.decode((repeat each Column).self) }
        } catch {
            throw PostgresFailure(error, at: location)
        }
    }

    /// Runs `query` and reads the first column of each row as `type`.
    @available(*, noasync, message: "blocks its thread")
    public func values<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) throws -> [Value] {
        let rows = try result(query).rows
        do {
            return try rows.map { try $0.decode(Value.self) }
        } catch {
            throw PostgresFailure(error, at: location)
        }
    }

    /// The first row of `query` read as `types`, or nil when it has none.
    @available(*, noasync, message: "blocks its thread")
    public func row<each Column: PostgresDecodable>(_ query: PostgresQuery, as types: (repeat each Column).Type) throws -> (repeat each Column)? {
        guard let row = try result(query).rows.first else { return nil }
        do {
            return try row.decode((repeat each Column).self)
        } catch {
            throw PostgresFailure(error, at: location)
        }
    }

    /// The first column of the first row of `query`, or nil when it has no row.
    @available(*, noasync, message: "blocks its thread")
    public func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) throws -> Value? {
        guard let row = try result(query).rows.first else { return nil }
        do {
            return try row.decode(Value.self)
        } catch {
            throw PostgresFailure(error, at: location)
        }
    }

    /// The server's process for this session (`pg_backend_pid()`), as `pg_stat_activity` and `pg_locks` name it.
    @available(*, noasync, message: "blocks its thread")
    public func backendPID() throws -> Int32 {
        try value("SELECT pg_backend_pid()", as: Int32.self) ?? 0
    }

    /// Whether the server answers a trivial query within `seconds`: false when it fails or is late (the
    /// connection may be alive but the network gone, which only keepalive would tell, and later).
    @available(*, noasync, message: "blocks its thread")
    public func answers(within seconds: Double) -> Bool {
        guard !connection.isClosed else { return false }
        var logger = connection.logger
        logger.logLevel = .critical
        let answer = try? BlockingBridge.wait(connection.query("SELECT 1", logger: logger), timeout: seconds)
        return answer != nil
    }

    /// Runs a statement written in full and returns the server's command tag ("COMMIT", "ROLLBACK", ...).
    @available(*, noasync, message: "blocks its thread")
    func commandTag(sql: String) throws -> String {
        try result(PostgresQuery(unsafeSQL: sql)).metadata.command
    }

    @available(*, noasync, message: "blocks its thread")
    private func result(_ query: PostgresQuery) throws -> PostgresQueryResult {
        // postgres-nio leaves a query written to a closed connection unanswered.
        guard !connection.isClosed else {
            throw PostgresFailure(.connectionLost, "the connection to PostgreSQL at \(location.endpoint) has ended: open a new session")
        }
        var logger = connection.logger
        logger.logLevel = .critical
        do {
            return try BlockingBridge.wait(connection.query(query, logger: logger))
        } catch {
            throw PostgresFailure(error, at: location)
        }
    }
}
