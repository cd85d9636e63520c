import Foundation
import HandoffCore
import Synchronization

/// One rulebook's replay on a thread of its own: it takes batches of leads and hands back their
/// decisions in the same order, so two rulebooks replay side by side on two cores.
final class ReplayWorker: Sendable {
    enum Work: Sendable {
        /// Leads from before the replay, remembered for duplicate checks only.
        case remember([NormalizedLead])
        case decide([ReplayLead])
        /// Values the reading thread is done with, freed here: freeing a batch's leads and decisions on
        /// the reading thread made it the one busy thread of three.
        case dispose([Decision], [ReplayLead])
    }

    private let input = BoundedQueue<Work>(capacity: 8)
    private let output = BoundedQueue<[Decision]>(capacity: 8)
    private let finished = Mutex<Replay?>(nil)
    private let done = NSCondition()

    init(_ replay: Replay, name: String) {
        // The thread holds the worker until the replay ends, which `finish` waits for.
        let thread = Thread { [self] in loop(replay) }
        thread.name = name
        thread.start()
    }

    private func loop(_ start: Replay) {
        var replay = start
        while let work = input.take() {
            switch work {
            case .remember(let leads):
                for lead in leads { replay.remember(lead) }
            case .decide(let leads):
                var decisions: [Decision] = []
                decisions.reserveCapacity(leads.count)
                for lead in leads { decisions.append(replay.decide(lead)) }
                output.put(decisions)
            case .dispose:
                break
            }
        }
        output.close()
        done.lock()
        finished.withLock { $0 = replay }
        done.broadcast()
        done.unlock()
    }

    func submit(_ work: Work) { input.put(work) }

    /// The decisions for the oldest batch submitted and not yet taken.
    func decisions() -> [Decision] { output.take() ?? [] }

    /// Ends the replay and waits for its final state (pool ledger, counts).
    func finish() -> Replay {
        input.close()
        // Unread decisions would hold the thread at a full output queue.
        while output.take() != nil {}
        done.lock()
        defer { done.unlock() }
        while true {
            if let replay = finished.withLock({ $0 }) { return replay }
            done.wait()
        }
    }
}
