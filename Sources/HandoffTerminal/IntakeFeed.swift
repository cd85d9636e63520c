import Foundation
import HandoffConsole
import HandoffDesk
import Synchronization

/// Keeps the header's intake figures current: reads the status file a server writes beside the
/// database, once a second on a thread of its own, and tells the UI when what it shows should change
/// (new figures, or none because the server stopped or its figures went stale).
final class IntakeFeed: Sendable {
    static let interval: TimeInterval = 1

    private let path: String
    private let inbox: Inbox
    private let ticker = Ticker(interval: IntakeFeed.interval)
    private let shown = Mutex<IntakeStatus??>(.none)

    init(path: String, inbox: Inbox) {
        self.path = path
        self.inbox = inbox
    }

    func start() {
        ticker.start(name: "handoff.intake") { [self] in
            let status = IntakeStatus.read(at: path, now: Date())
            let changed = shown.withLock { last -> Bool in
                // Only the figures matter to the screen, not when they were written.
                guard last.map({ $0.map(Self.figures) != status.map(Self.figures) }) ?? true else { return false }
                last = .some(status)
                return true
            }
            if changed { inbox.post(.intake(status)) }
        }
        ticker.poke()
    }

    func stop() { ticker.stop() }

    private static func figures(_ status: IntakeStatus) -> [Int] {
        [status.requestsPerMinute, status.leadsPerMinute, status.rejectedPerMinute]
    }
}
