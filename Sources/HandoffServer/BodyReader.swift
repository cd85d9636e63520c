import Hummingbird
import NIOCore
import Synchronization

/// Reads a request body within a size and a time limit. The read runs in a task of its own, so an
/// answer goes out when time is up even while a slow client is still sending.
enum BodyReader {
    static var deadlines: Deadlines { Deadlines.shared }

    enum Outcome: Sendable {
        case body(ByteBuffer)
        case tooLarge
        case timedOut
        case failed(String)
    }

    static func collect(_ request: Request, limit: Int, timeout: Duration) async -> Outcome {
        let race = Race()
        return await withCheckedContinuation { (answer: CheckedContinuation<Outcome, Never>) in
            race.arm(answer)
            let reading = Task {
                var request = request
                do {
                    race.finish(.body(try await request.collectBody(upTo: limit)))
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    race.finish(.tooLarge)
                } catch {
                    race.finish(.failed(String(describing: error)))
                }
            }
            race.timer(deadlines.add(timeout) {
                if race.finish(.timedOut) { reading.cancel() }
            })
        }
    }
}

/// The first outcome of a body read or its timer wins; the other is dropped.
private final class Race: Sendable {
    private let answer = Mutex<CheckedContinuation<BodyReader.Outcome, Never>?>(nil)
    private let clock = Mutex<(deadline: Int?, done: Bool)>((nil, false))

    /// The time limit, given up when the body wins (so no limit outlives its request).
    func timer(_ deadline: Int) {
        let done = clock.withLock { state in
            state.deadline = deadline
            return state.done
        }
        if done { BodyReader.deadlines.cancel(deadline) }
    }

    func arm(_ continuation: CheckedContinuation<BodyReader.Outcome, Never>) { answer.withLock { $0 = continuation } }

    @discardableResult
    func finish(_ outcome: BodyReader.Outcome) -> Bool {
        guard let continuation = answer.withLock({ $0.take() }) else { return false }
        let deadline = clock.withLock { state in
            state.done = true
            return state.deadline
        }
        if let deadline { BodyReader.deadlines.cancel(deadline) }
        continuation.resume(returning: outcome)
        return true
    }
}
