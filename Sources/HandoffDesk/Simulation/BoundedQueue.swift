import Foundation
import Synchronization

/// A first-in first-out queue between threads that blocks a producer when full and a consumer when
/// empty, so a fast reader never runs far ahead of the replays (memory stays at a few batches).
final class BoundedQueue<Item: Sendable>: Sendable {
    private let condition = NSCondition()
    /// Only touched while `condition` is locked; the Mutex makes that provable to the compiler.
    private let items = Mutex<(queue: [Item], closed: Bool)>(([], false))
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    func put(_ item: Item) {
        condition.lock()
        defer { condition.unlock() }
        while items.withLock({ $0.queue.count >= capacity && !$0.closed }) { condition.wait() }
        items.withLock { $0.queue.append(item) }
        condition.broadcast()
    }

    /// The next item, or nil once the queue is closed and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let next: Item?? = items.withLock { state in
                if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                return state.closed ? .some(nil) : nil
            }
            if let next {
                condition.broadcast()
                return next
            }
            condition.wait()
        }
    }

    func close() {
        condition.lock()
        items.withLock { $0.closed = true }
        condition.broadcast()
        condition.unlock()
    }
}
