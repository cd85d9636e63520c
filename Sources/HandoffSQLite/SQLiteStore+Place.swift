import HandoffStore

extension SQLiteStore {
    public var location: String { path }
    public var file: String? { path.isEmpty || path == ":memory:" ? nil : path }

    /// A lock file beside the database (`FileLease`); a store in memory has only this process.
    public func coreLease() throws -> any CoreLease {
        guard let file else { return ProcessLease() }
        return FileLease(path: file + "-core")
    }

    public func reader() throws -> any LeadStore { try SQLiteStore(path: path, readOnly: true) }

    /// The WAL copied into the database ahead of the commits, on a thread of its own (`WALCheckpoints`).
    public func startUpkeep(log: @escaping @Sendable (String) -> Void) -> (any StoreUpkeep)? {
        guard file != nil, let checkpoints = WALCheckpoints(store: self, log: log) else { return nil }
        checkpoints.start()
        return checkpoints
    }

    /// SQLite tells other processes nothing: a reader polls `generation()`, a read of one row.
    public func watchLog(_ onChange: @escaping @Sendable () -> Void) -> (any StoreUpkeep)? { nil }
}
