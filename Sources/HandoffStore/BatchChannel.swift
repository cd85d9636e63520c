import Dispatch
import HandoffCore
import Synchronization

/// The writer stopped taking batches (it failed); the reader should stop reading.
public struct ImportStopped: Error {
    package init() {}
}

/// A bounded queue of batches (a routed import's, a drain's decided leads) from one reading thread to
/// one writing thread.
package final class BatchChannel<Batch: Sendable>: Sendable {
    package enum Item: Sendable {
        case batch(Batch)
        /// The reader is done: commit.
        case end
        /// The reader failed: roll the import back.
        case abort
    }

    private let items = Mutex<[Item]>([])
    /// Batches the writer is done with, freed by the reader: releasing a thousand leads' strings
    /// is work the writer, the slower side, should not do.
    private let spent = Mutex<[Batch]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let stopped = Atomic<Bool>(false)

    package init(capacity: Int) {
        // Made empty and filled, not made with `capacity`: libdispatch traps when a semaphore is freed
        // below its starting value, as this one is when a failed writer leaves batches unread.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { free.signal() }
    }

    package func send(_ item: Item) throws {
        let done = spent.withLock { spent in defer { spent = [] }; return spent }
        _ = consume done
        free.wait()
        guard !stopped.load(ordering: .acquiring) else {
            free.signal()
            throw ImportStopped()
        }
        items.withLock { $0.append(item) }
        filled.signal()
    }

    package func receive() -> Item {
        filled.wait()
        let item = items.withLock { $0.removeFirst() }
        free.signal()
        return item
    }

    /// The writer hands back a batch it has stored.
    package func recycle(_ batch: Batch) {
        spent.withLock { $0.append(batch) }
    }

    /// The writer gives up: a reader waiting for room, or sending later, is told to stop.
    package func stop() {
        stopped.store(true, ordering: .releasing)
        free.signal()
    }
}

/// The writer's word to the reader that it holds the store's write lock: what other writers did
/// meanwhile and the highest lead serial (nothing for a drain), or that it failed before getting there.
package final class ImportStart: Sendable {
    package struct Begun: Sendable {
        package var lastSerial: Int
        /// The log's newest entry, for a drain that chains its entries on the reading thread.
        package var tail: LogAnchor?
        package var others: OthersWrites?
    }

    private struct State {
        var begun: Begun?
        var others: OthersWrites?
        var settled = false
    }

    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    package init() {}

    package func caughtUp(_ others: OthersWrites) {
        state.withLock { $0.others = others }
    }

    package func open(lastSerial: Int, tail: LogAnchor? = nil) {
        settle { Begun(lastSerial: lastSerial, tail: tail, others: $0.others) }
    }

    package func fail() {
        settle { _ in nil }
    }

    /// Blocks until the writer opened or failed; nil when it failed.
    package func wait() -> Begun? {
        signal.wait()
        return state.withLock { $0.begun }
    }

    private func settle(_ begun: (State) -> Begun?) {
        let first = state.withLock { s in
            guard !s.settled else { return false }
            s.begun = begun(s)
            s.settled = true
            return true
        }
        if first { signal.signal() }
    }
}
