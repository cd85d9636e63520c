import HandoffStore

/// Where a PostgreSQL workspace lives, and its routing lease.
extension PostgresStore: StorePlace {
    /// The database's URL without its password (`PostgresLocation.description` shows `***` in its place).
    public var location: String { database.description }

    /// A server's database is no file: status files go elsewhere.
    public var file: String? { nil }

    /// Always nil: PostgreSQL keeps its own pages (checksums, recovery from its WAL), and a page it cannot
    /// read fails the statement that meets it; there is no damage note to keep beside a file as on SQLite.
    public var knownDamage: String? { nil }

    /// The routing lease's advisory lock, on a connection of its own (`PostgresCoreLease`); while it is held,
    /// this store's routing writes carry its epoch (`RoutingFence`).
    public func coreLease() throws -> any CoreLease {
        PostgresCoreLease(location: database, passwords: pool.passwords, name: nil, timing: .standard, fence: fence)
    }

    /// None: the server checkpoints its WAL and vacuums on its own; a client has nothing to copy back.
    public func startUpkeep(log: @escaping @Sendable (String) -> Void) -> (any StoreUpkeep)? { nil }

    /// The log's notifications (`LogWatcher`): every commit that appends to the log, from any process, calls
    /// `onChange` on the watcher's thread.
    public func watchLog(_ onChange: @escaping @Sendable () -> Void) -> (any StoreUpkeep)? {
        let watcher = LogWatcher(location: database, passwords: pool.passwords) { _ in onChange() }
        watcher.start()
        return watcher
    }
}

extension LogWatcher: StoreUpkeep {}
