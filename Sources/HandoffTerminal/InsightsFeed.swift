import Foundation
import HandoffConsole
import HandoffDesk
import Synchronization

/// Keeps the Insights view and the header's figures supplied: a review of the last day as of the desk's
/// clock, worked out on a thread of its own every few seconds, never on the UI thread. On a large
/// workspace a review takes a while, so the pause between two is at least ten times the last one's cost:
/// the feed never takes more than a tenth of a core.
final class InsightsFeed: Sendable {
    /// The window the view covers.
    static let window: TimeInterval = 86_400
    static let interval: TimeInterval = 5

    private let desk: Desk
    private let inbox: Inbox
    private let ticker = Ticker(interval: InsightsFeed.interval)
    private let reader = Mutex(ReviewReader())
    private let notBefore = Mutex(Date.distantPast)

    init(desk: Desk, inbox: Inbox) {
        self.desk = desk
        self.inbox = inbox
    }

    func start() {
        ticker.start(name: "handoff.insights") { [self] in
            guard Date() >= notBefore.withLock({ $0 }) else { return }
            let started = Date()
            do {
                let review = try reader.withLock { reader in try desk.review(last: Self.window, reader: &reader) }
                inbox.post(.insights(review))
            } catch {
                inbox.post(.notice("could not work out the insights: \(error)", .error))
            }
            let cost = Date().timeIntervalSince(started)
            notBefore.withLock { $0 = Date().addingTimeInterval(max(Self.interval, cost * 10) - 0.5) }
        }
        ticker.poke()
    }

    func stop() { ticker.stop() }
}
