import Dispatch
import HandoffCore
import Synchronization

/// One write transaction fed by the calling thread: the writer on a thread of its own (`write`), the
/// reader on the calling one (`read`), batches between them through a bounded channel, so reading and
/// deciding overlap storing (a routed import, a plain import, a drain). The writer says when it holds
/// the store's write lock (`PipelineStart`); only then does the reader begin, so a snapshot it reads
/// sees the store exactly as the transaction does. A writer's failure stops the reader; a reader's
/// failure rolls the transaction back. Memory stays flat: the reader waits when the writer is
/// `capacity` batches behind.
package enum Pipeline {
    package static func run<Batch: Sendable, Output: Sendable>(
        capacity: Int = 8,
        write: @escaping @Sendable (_ start: PipelineStart, _ next: () throws -> Batch?) throws -> Output,
        read: (_ begun: PipelineStart.Begun, _ channel: BatchChannel<Batch>) throws -> Void
    ) throws -> Output {
        let channel = BatchChannel<Batch>(capacity: capacity)
        let start = PipelineStart()
        let outcome = Mutex<Result<Output, any Error>?>(nil)
        let writer = WriterThread {
            // The batch handed out last: the writer is done with it when it asks for the next.
            var handed: Batch?
            let result = Result {
                try write(start) {
                    if let done = handed.take() { channel.recycle(done) }
                    switch channel.receive() {
                    case .batch(let batch):
                        handed = batch
                        return batch
                    case .end: return nil
                    case .abort: throw ImportStopped()
                    }
                }
            }
            if case .failure = result {
                channel.stop()
                start.fail()
            }
            outcome.withLock { $0 = result }
        }
        var readError: (any Error)?
        if let begun = start.wait() {
            do {
                try read(begun, channel)
                try channel.send(.end)
            } catch {
                readError = error
                try? channel.send(.abort)
            }
        }
        writer.join()
        let result = outcome.withLock { $0! }
        // A store failure explains a reader told to stop; a reader's own failure explains a rollback.
        if case .failure(let error) = result, !(error is ImportStopped) { throw error }
        if let readError { throw readError }
        return try result.get()
    }
}

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
package final class PipelineStart: Sendable {
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
