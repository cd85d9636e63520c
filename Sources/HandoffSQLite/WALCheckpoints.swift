import Foundation
import HandoffStore
import Synchronization

/// The thread that copies the store's WAL into the database for a long-running process (`handoff serve`), ahead of the
/// checkpoint SQLite runs inside a commit every 40 MiB of WAL, so that one finds little left to do (see
/// `SQLiteStore.checkpointer`): every tenth of a second, a PASSIVE checkpoint on a connection of its
/// own, which neither waits for nor blocks the intake writer or the routing thread.
final class WALCheckpoints: StoreUpkeep {
    private let checkpointer: WALCheckpointer
    private let log: @Sendable (String) -> Void
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    static let interval = 0.1

    /// Nil when the checkpoint connection cannot open (SQLite's own checkpoints go on either way).
    init?(store: SQLiteStore, log: @escaping @Sendable (String) -> Void) {
        guard let checkpointer = try? store.checkpointer() else { return nil }
        self.checkpointer = checkpointer
        self.log = log
    }

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
            Thread.sleep(forTimeInterval: Self.interval)
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
