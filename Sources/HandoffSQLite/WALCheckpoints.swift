import Foundation
import HandoffStore
import Synchronization

/// The thread that copies the store's WAL into the database for a long-running process (`handoff serve`), ahead of the
/// checkpoint SQLite runs inside a commit every 40 MiB of WAL, so that one finds little left to do (see
/// `SQLiteStore.checkpointer`): a PASSIVE checkpoint on a connection of its own, which neither waits
/// for nor blocks the intake writer or the routing thread, every tenth of a second with 4 KiB pages and
/// as much more often as the pages are larger (`interval`).
final class WALCheckpoints: StoreUpkeep {
    private let checkpointer: WALCheckpointer
    private let log: @Sendable (String) -> Void
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Seconds between checkpoints.
    let interval: Double

    /// Nil when the checkpoint connection cannot open (SQLite's own checkpoints go on either way).
    init?(store: SQLiteStore, log: @escaping @Sendable (String) -> Void) {
        guard let checkpointer = try? store.checkpointer() else { return nil }
        self.checkpointer = checkpointer
        self.log = log
        interval = Self.interval(pageSize: checkpointer.pageSize)
    }

    /// A tenth of a second for 4 KiB pages, a fortieth for 16 KiB: each checkpoint then copies and syncs
    /// about as many bytes whatever the page size, since a commit changes about as many pages. With 16
    /// KiB pages checkpointed every tenth of a second, serve's p99 to 202 at 1,000 leads a second was
    /// 5.4 ms against 2.0 with 4 KiB pages (every half second: 16 ms); every fortieth, 2.3 ms.
    static func interval(pageSize: Int) -> Double { 0.1 * 4_096 / Double(max(4_096, pageSize)) }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "handoff.checkpoints"
        thread.start()
    }

    /// A last checkpoint, then the thread ends.
    func stop() {
        stopping.withLock { $0 = true }
        finished.wait()
    }

    private func run() {
        var failing = false
        while !stopping.withLock({ $0 }) {
            Thread.sleep(forTimeInterval: interval)
            do {
                try checkpointer.checkpoint()
                failing = false
            } catch {
                // Said once, not every tenth of a second; SQLite's own checkpoints go on meanwhile.
                if !failing { log("could not checkpoint the database's WAL: \(error); retrying") }
                failing = true
            }
        }
        _ = try? checkpointer.checkpoint()
        finished.signal()
    }
}
