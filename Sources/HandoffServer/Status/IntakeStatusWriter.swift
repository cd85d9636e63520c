import Foundation
import HandoffDesk
import Synchronization

/// Writes the intake status file beside the database about once a second, on a thread of its own, so
/// a console in another process can show what this server takes in; removes it when the server stops.
final class IntakeStatusWriter: Sendable {
    private let path: String
    private let rates: IntakeRates
    private let listen: String
    private let log: @Sendable (String) -> Void
    private let ticker = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let pid = getpid()

    static let interval: TimeInterval = 1

    init(path: String, rates: IntakeRates, listen: String, log: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.rates = rates
        self.listen = listen
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "handoff.status"
        thread.start()
    }

    /// Ends the thread and removes the file; blocks until done, so call it off the concurrency pool.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        ticker.signal()
        ended.wait()
    }

    private func run() {
        var complained = false
        while !stopping.load(ordering: .sequentiallyConsistent) {
            let minute = rates.lastMinute()
            let status = IntakeStatus(pid: pid, at: Date(), listen: listen, requestsPerMinute: minute.requests,
                                      leadsPerMinute: minute.leads, rejectedPerMinute: minute.rejected)
            do {
                try status.write(to: path)
                complained = false
            } catch {
                // Said once, not every second: the figures are a convenience, intake goes on.
                if !complained { log("cannot write the intake status file \(path): \(error); the console will not show intake figures") }
                complained = true
            }
            _ = ticker.wait(timeout: .now() + Self.interval)
        }
        IntakeStatus.remove(at: path, pid: pid)
        ended.signal()
    }
}
