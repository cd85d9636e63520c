import Foundation
import Synchronization

/// Time limits of many requests kept by one thread (body reads, waits for decisions): a limit costs
/// an entry in a table, not a task and a timer each (a sleeping task's timer stays armed until it fires, even once its request is
/// long answered, so at thousands of requests a second they piled up by the ten thousand). Limits
/// are checked every `tick`, so one runs out at most a tick late.
final class Deadlines: Sendable {
    struct Entry {
        var due: ContinuousClock.Instant
        var expire: @Sendable () -> Void
    }

    /// The server's one: request bodies' limits and waits for decisions.
    static let shared = Deadlines()

    private let entries = Mutex<(next: Int, table: [Int: Entry])>((0, [:]))
    /// Wakes the thread when the first limit arrives after a spell with none.
    private let idle = NSCondition()
    private let tick: Duration

    init(tick: Duration = .milliseconds(50)) {
        self.tick = tick
        let thread = Thread { [self] in run() }
        thread.name = "handoff.deadlines"
        thread.start()
    }

    /// Calls `expire` once `limit` has passed, unless `cancel` is called with the answer first.
    func add(_ limit: Duration, expire: @escaping @Sendable () -> Void) -> Int {
        let due = ContinuousClock.now + limit
        let (id, first) = entries.withLock { state in
            let id = state.next
            state.next += 1
            state.table[id] = Entry(due: due, expire: expire)
            return (id, state.table.count == 1)
        }
        if first {
            idle.lock()
            idle.signal()
            idle.unlock()
        }
        return id
    }

    func cancel(_ id: Int) {
        _ = entries.withLock { $0.table.removeValue(forKey: id) }
    }

    private func run() {
        while true {
            idle.lock()
            if entries.withLock({ $0.table.isEmpty }) {
                idle.wait()
            } else {
                _ = idle.wait(until: Date().addingTimeInterval(Double(tick.components.attoseconds) / 1e18 + Double(tick.components.seconds)))
            }
            idle.unlock()
            let now = ContinuousClock.now
            let expired = entries.withLock { state -> [Entry] in
                let due = state.table.filter { $0.value.due <= now }
                for id in due.keys { state.table[id] = nil }
                return Array(due.values)
            }
            for entry in expired { entry.expire() }
        }
    }
}
