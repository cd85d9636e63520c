import Foundation
import HandoffDesk
import HandoffStore

/// `handoff worker`: the routing core without an HTTP server (queue drain, SLA timer, rulebook
/// reload, the handback), for leads that other processes take in. Only the holder of the workspace's routing lease
/// routes; other workers stand by and take the lease when its holder ends, however it ends.
public final class Worker: Sendable {
    /// Where a worker is, as it tells its operator.
    public enum Phase: Sendable, Equatable {
        /// Another process holds the lease (who, as it wrote it, when known).
        case standingBy(holder: String?)
        case routing
        case stopped
    }

    private let desk: Desk
    private let rules: RulebookSource?
    private let log: @Sendable (String) -> Void
    private let turn: RoutingTurn
    /// The handback, delivered by whichever routing core holds the lease.
    private let deliverer: Deliverer?

    public init(desk: Desk, rules: RulebookSource?, handback: Handback? = nil, log: @escaping @Sendable (String) -> Void) throws {
        self.desk = desk
        self.rules = rules
        self.log = log
        let turn = RoutingTurn(store: desk.store)
        self.turn = turn
        deliverer = Deliverer.make(desk: desk, handback: handback, metrics: ServerMetrics(), turn: turn, log: log)
        try deliverer?.prepare()
    }

    /// Stands by until the lease is free, then routes until `stopping` says to stop; `phase` hears each
    /// change. Blocks: call it from a thread of the caller's, never from the concurrency pool.
    public func run(poll: Duration = .milliseconds(200), stopping: () -> Bool, phase: (Phase) -> Void) throws {
        let pause = Double(poll.components.seconds) + Double(poll.components.attoseconds) / 1e18
        var told: String??
        while !stopping() {
            if turn.mayRoute() { break }
            let holder = turn.holder()
            if told != .some(holder) {
                phase(.standingBy(holder: holder))
                told = .some(holder)
            }
            Thread.sleep(forTimeInterval: pause)
        }
        guard !stopping() else {
            phase(.stopped)
            return
        }
        defer { turn.release() }
        // Decisions others made while this worker stood by are read afresh: the desk's routing state
        // catches up inside its first routing transaction.
        let routing = RoutingLoop(desk: desk, rules: rules, metrics: ServerMetrics(), log: log, turn: turn, answersRequests: false)
        let upkeep = desk.store.startUpkeep(log: log)
        routing.start()
        deliverer?.start()
        phase(.routing)
        while !stopping() { Thread.sleep(forTimeInterval: pause) }
        routing.stop()
        deliverer?.stop()
        upkeep?.stop()
        phase(.stopped)
    }
}
