import Foundation
import GRDB
@testable import HandoffSQLite
import Testing

/// New workspaces are made with 16 KiB pages; one made before keeps its 4 KiB. Either way a commit
/// checkpoints the WAL once it holds the same number of bytes.
struct PageSizeTests {
    private func autocheckpoint(_ store: SQLiteStore) throws -> Int? {
        try store.database.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") }
    }

    @Test func aNewWorkspaceHasSixteenKibibytePagesAndAnOldOneKeepsItsOwn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fresh = directory.appendingPathComponent("new.db").path
        let made = try SQLiteStore(path: fresh)
        #expect(try DatabaseQueue(path: fresh).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 16_384)
        // A commit checkpoints once the WAL holds 4 MiB, as SQLite's default does with 4 KiB pages.
        #expect(try autocheckpoint(made) == 256)

        // A workspace made with SQLite's 4 KiB pages (as every one was before) keeps them when Handoff opens it.
        let old = directory.appendingPathComponent("old.db").path
        let queue = try DatabaseQueue(path: old)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL") }
        try Schema.migrator(progress: nil).migrate(queue)
        try queue.writeWithoutTransaction(StoreIdentity.mark)
        try queue.close()
        let store = try SQLiteStore(path: old)
        _ = try store.counts()
        #expect(try DatabaseQueue(path: old).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4_096)
        #expect(try autocheckpoint(store) == 1_024)
    }

    @Test func serveCheckpointsAsManyBytesAtATimeWhateverThePageSize() throws {
        #expect(WALCheckpoints.interval(pageSize: 4_096) == 0.1)
        #expect(WALCheckpoints.interval(pageSize: 8_192) == 0.05)
        #expect(WALCheckpoints.interval(pageSize: 16_384) == 0.025)
        #expect(WALCheckpoints.interval(pageSize: 1_024) == 0.1)
        // Serve's own threshold is 40 MiB of WAL on a new workspace.
        let store = try temporaryStore()
        let checkpointer = try store.checkpointer()
        #expect(checkpointer.pageSize == 16_384)
        #expect(try autocheckpoint(store) == 2_560)
    }
}
