import Foundation
import HandoffStore
import Synchronization

/// The thread that checkpoints the store's WAL for `handoff serve`, so no request's commit does it
/// (see `SQLiteStore.checkpointApart`): every tenth of a second, a PASSIVE checkpoint on a connection
/// of its own, which neither waits for nor blocks the intake writer or the routing thread.
final class WALCheckpoints: Sendable {
    private let checkpointer: WALCheckpointer
    private let log: @Sendable (String) -> Void
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    static let interval = 0.1

    /// Nil for a store that is not SQLite, or one that cannot hand its checkpoints over (it keeps its own).
    init?(store: any LeadStore, log: @escaping @Sendable (String) -> Void) {
        guard let sqlite = store as? SQLiteStore, let checkpointer = try? sqlite.checkpointApart() else { return nil }
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
                // Said once, not every tenth of a second; the WAL keeps every commit meanwhile.
                if !failing { log("could not checkpoint the database's WAL: \(error); retrying") }
                failing = true
            }
        }
        _ = try? checkpointer.checkpoint()
        finished.signal()
    }
}
