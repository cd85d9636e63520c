import GRDB

extension SQLiteStore {
    /// A connection of its own that copies the WAL into the database ahead of SQLite's own checkpoint.
    /// SQLite checkpoints inside the commit that takes the WAL past its threshold (4 MiB,
    /// `SQLiteStore.checkpointBytes`): that commit (and, in a server, every request queued behind it)
    /// waits while the pages are copied and both files synced. Copied ahead, in PASSIVE mode (which
    /// neither waits for nor blocks a writer), the commit's checkpoint finds almost nothing left to copy
    /// or sync. SQLite's checkpoint stays on: only it runs on the writer's connection right after a
    /// commit, when nothing can be appended meanwhile, so only it lets the next commit start the WAL
    /// over; without it the WAL would grow as long as writes go on. With a checkpointer copying ahead,
    /// SQLite's checkpoint can wait for a longer WAL (`walBytes`), so fewer commits carry one.
    public func checkpointer(walBytes: Int = 40 * 1_024 * 1_024) throws -> WALCheckpointer {
        let pageSize = try database.writeWithoutTransaction { db in try Self.checkpoint(db, past: walBytes) }
        return try WALCheckpointer(path: path, pageSize: pageSize)
    }
}

/// A connection of its own that copies the WAL into the database (see `SQLiteStore.checkpointer`).
public final class WALCheckpointer: Sendable {
    private let connection: DatabaseQueue
    /// The database's page size in bytes.
    let pageSize: Int

    init(path: String, pageSize: Int) throws {
        self.pageSize = pageSize
        var config = Configuration()
        config.busyMode = .timeout(1)
        // A checkpoint syncs the WAL before copying it and the database after, as every commit's would.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// Copies what the WAL holds into the database, as far as open reads allow: the WAL's frames and
    /// how many of them are now in the database; nil when another checkpoint (SQLite's own, in a
    /// commit) is running, which then does the copying.
    @discardableResult
    public func checkpoint() throws -> (frames: Int, copied: Int)? {
        do {
            return try connection.writeWithoutTransaction { db in
                let result = try db.checkpoint(.passive)
                return (result.walFrameCount, result.checkpointedFrameCount)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
    }
}
