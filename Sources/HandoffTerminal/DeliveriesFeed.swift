import Foundation
import HandoffConsole
import HandoffDesk
import HandoffStore

/// Keeps the Deliveries view supplied: the newest deliveries and their counts, read on a thread of its
/// own every couple of seconds (and at once after a retry), never on the UI thread. A store without a
/// delivery log posts nothing.
final class DeliveriesFeed: Sendable {
    static let interval: TimeInterval = 2
    /// Deliveries the view shows at most, newest first.
    static let limit = 500

    private let store: (any DeliveryStore)?
    private let inbox: Inbox
    private let ticker = Ticker(interval: DeliveriesFeed.interval)

    init(desk: Desk, inbox: Inbox) {
        store = desk.store as? any DeliveryStore
        self.inbox = inbox
    }

    func start() {
        guard let store else { return }
        ticker.start(name: "handoff.deliveries") { [inbox] in
            do {
                inbox.post(.deliveries(DeliveriesStanding(rows: try store.deliveries(failedOnly: false, limit: Self.limit))))
            } catch {
                inbox.post(.notice("could not read the deliveries: \(error)", .error))
            }
        }
        ticker.poke()
    }

    func poke() { ticker.poke() }

    func stop() { ticker.stop() }
}

/// `t` on a dead-lettered delivery, off the UI thread.
enum DeliveryRetryWork {
    static func run(_ id: Int64, desk: Desk) -> Result<String, ConsoleFailure> {
        guard let store = desk.store as? any DeliveryStore else { return .failure(ConsoleFailure("this workspace keeps no delivery log")) }
        do {
            let put = try store.retryDeliveries([id], at: Date())
            guard put == [id] else { return .failure(ConsoleFailure("delivery \(id) is no longer dead-lettered: nothing to retry")) }
            return .success("delivery \(id) is back in line: a running `handoff serve` sends it within a second")
        } catch {
            return .failure(ConsoleFailure("could not retry delivery \(id): \(error)"))
        }
    }
}
