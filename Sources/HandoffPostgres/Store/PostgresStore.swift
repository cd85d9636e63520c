import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The store for teams: one PostgreSQL database that every process of a workspace (routing cores, intake
/// servers, consoles, the command line) points at. It keeps the SQLite engine's layout and log (the same
/// tables, the same `routed` entries, the same hash chain), and the same write rules, which live in the
/// contract (`CommandEffect`, `RoutingRecord`, `ProjectionTally`, `NewLeadRow`): this engine only stores them.
///
/// Calls block their thread (`BlockingBridge`), as the SQLite engine's do; each runs on a session of its own
/// from `SessionPool`.
public final class PostgresStore: Sendable {
    public let database: PostgresLocation
    public let readOnly: Bool
    let pool: SessionPool
    /// The deliveries this store has handed out and not yet seen answered (`DeliveryClaims`).
    let deliveryClaims = DeliveryClaims()
    /// The routing lease's epoch while this store's lease holds it, confirmed by every routing write.
    let fence = RoutingFence()
    /// The words format-2 decisions were coded with, by rulebook version.
    let storedWords = StoredWordLists()

    /// Opens the workspace at `location`, bringing its schema up to date unless `readOnly`; with `creating`
    /// (`handoff init`) an empty database gets the schema first. A database without Handoff's schema, with
    /// another application's tables, or of a newer Handoff is refused (`PostgresSchemaRefusal`).
    @available(*, noasync, message: "blocks its thread: open stores from a thread of their own")
    public init(location: PostgresLocation, readOnly: Bool = false, creating: Bool = false, passwords: PasswordLookup = PasswordLookup()) throws {
        database = location
        self.readOnly = readOnly
        pool = SessionPool(location: location, passwords: passwords)
        try pool.with { session in
            if readOnly {
                guard let version = try PostgresMigrator.version(of: session) else {
                    throw PostgresSchemaRefusal.notAWorkspace(location: location, otherTables: [])
                }
                guard version <= PostgresMigrator.latestVersion else {
                    throw PostgresSchemaRefusal.newer(location: location, database: version, build: PostgresMigrator.latestVersion)
                }
                guard version == PostgresMigrator.latestVersion else {
                    throw PostgresSchemaRefusal.outdated(location: location, database: version, build: PostgresMigrator.latestVersion)
                }
            } else if creating {
                try PostgresMigrator.create(in: session)
            } else {
                try PostgresMigrator.migrate(session)
            }
        }
    }

    /// Ends the store's idle connections and its delivery claims (a process that ends closes them anyway).
    @available(*, noasync, message: "blocks its thread")
    public func close() {
        pool.close()
        deliveryClaims.close()
    }

    // MARK: Transactions

    /// A write: one transaction, which first takes the generation row's lock and holds it to the commit.
    /// Writers therefore take turns, as on SQLite: the log is numbered without gaps and chained entry to
    /// entry (`LogEntryHash`), which needs each writer to know the tail it appends to, and the projections
    /// (load, ledger, turns) are read and changed by one writer at a time. Under READ COMMITTED each
    /// statement after the lock sees everything committed before it was taken. The write ends by counting
    /// the generation up and recording the log's head, as the SQLite engine's writes do; the log's trigger
    /// notifies `handoff_log` at the commit (`LogWatcher`).
    @available(*, noasync, message: "blocks its thread")
    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard !readOnly else { throw StoreRefusal.readOnly(reason: "it was opened read-only") }
        return try pool.with { session in
            try session.transaction { tx in
                try tx.execute("SELECT value FROM meta WHERE key = 'generation' FOR UPDATE")
                let result = try body(tx)
                try tx.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")
                try tx.execute(Self.recordHead)
                return result
            }
        }
    }

    /// Keeps the newest entry's number and hash in `meta` (`log_head`), so an audit notices entries taken
    /// off the end of the log, which leave no break in the chain.
    static let recordHead: PostgresQuery = """
        INSERT INTO meta (key, value)
        SELECT 'log_head', seq::text || ':' || encode(hash, 'hex') FROM events ORDER BY seq DESC LIMIT 1
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """

    /// A read of one snapshot: every statement of `body` sees the database as of its first.
    @available(*, noasync, message: "blocks its thread")
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.with { session in
            try session.transaction(.repeatableRead, readOnly: true, body)
        }
    }

    /// A read of one statement, which needs no transaction of its own.
    @available(*, noasync, message: "blocks its thread")
    func readOne<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.with(body)
    }

    @available(*, noasync, message: "blocks its thread")
    public func generation() throws -> Int64 {
        try readOne { try Self.generation($0) }
    }

    @available(*, noasync, message: "blocks its thread")
    static func generation(_ session: PostgresSession) throws -> Int64 {
        try session.value("SELECT value::bigint FROM meta WHERE key = 'generation'", as: Int64.self) ?? 0
    }

    /// The log's head as the last write recorded it.
    @available(*, noasync, message: "blocks its thread")
    static func recordedHead(_ session: PostgresSession) throws -> LogAnchor? {
        try session.value("SELECT value FROM meta WHERE key = 'log_head'", as: String.self).flatMap(LogAnchor.init(text:))
    }
}
