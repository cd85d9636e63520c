import GRDB

extension SQLiteStore {
    /// Takes WAL checkpoints out of this store's commits. SQLite's own checkpoint runs inside the
    /// commit that fills the WAL past 1,000 pages: that commit (and, in a server, every request queued
    /// behind it) waits while the WAL is synced, copied into the database and the database synced,
    /// milliseconds to tens of them. After this call commits only append to the WAL, and the
    /// checkpointer returned copies it on a connection of its own, in PASSIVE mode: it neither waits
    /// for nor blocks a writer. Whoever calls this must call `checkpoint()` regularly, or the WAL grows.
    public func checkpointApart() throws -> WALCheckpointer {
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        return try WALCheckpointer(path: path)
    }
}

/// A connection of its own that copies the WAL into the database (see `SQLiteStore.checkpointApart`).
public final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(1)
        // A checkpoint syncs the WAL before copying it and the database after, as every commit's would.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// Copies what the WAL holds into the database, as far as open reads allow: the WAL's frames and
    /// how many of them are now in the database.
    @discardableResult
    public func checkpoint() throws -> (frames: Int, copied: Int) {
        try connection.writeWithoutTransaction { db in
            let result = try db.checkpoint(.passive)
            return (result.walFrameCount, result.checkpointedFrameCount)
        }
    }
}
