import AsyncHTTPClient
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Synchronization

/// Delivers the handback (webhooks and CRM write-backs) for `handoff serve`. Its thread does every store
/// call: it turns new log entries into deliveries, picks the ones due (each lead's next to each target,
/// so a lead's events arrive in order and other leads are not held up), and records the answers. The
/// sends run in the Swift concurrency pool, which never waits on the store.
final class Deliverer: Sendable {
    private let store: any DeliveryStore
    private let handback: Handback
    /// The owners of the rulebook in force, for their CRM ids.
    private let owners: @Sendable () -> [String: Owner]
    private let now: @Sendable () -> Date
    private let metrics: ServerMetrics
    private let log: @Sendable (String) -> Void
    /// Made when the thread starts and shut down when it ends: a client never shut down is a leak
    /// (and a trap in debug builds), whatever stopped the server before it ran.
    private let sender = Mutex<DeliverySender?>(nil)
    private let state = Mutex(LoopState())
    private let jitter: Mutex<SeededJitter>
    private let wake = NSCondition()
    private let finished = DispatchSemaphore(value: 0)

    struct LoopState {
        var poked = false
        var stopping = false
        var inFlight: Set<Int64> = []
        var answered: [DeliveryAttempt] = []
        var lastProblem: String?
    }

    /// The workspace's routing lease, shared with the server's routing loop: only the process holding it
    /// delivers, so two servers on one workspace never send at the same time. A holder killed between a
    /// send and its record leaves the delivery pending, and the one taking over sends it again (at least
    /// once; receivers de-duplicate on `Handoff-Delivery`).
    private let turn: RoutingTurn?

    /// Sends at once, at most.
    static let concurrency = 32
    /// Log entries turned into deliveries in one transaction, at most.
    static let takeLimit = 1_000

    init(store: any DeliveryStore, handback: Handback, owners: @escaping @Sendable () -> [String: Owner], metrics: ServerMetrics,
         seed: UInt64 = UInt64.random(in: .min ... .max), now: @escaping @Sendable () -> Date = { Date() },
         log: @escaping @Sendable (String) -> Void, turn: RoutingTurn? = nil) {
        self.turn = turn
        self.store = store
        self.handback = handback
        self.owners = owners
        self.metrics = metrics
        self.now = now
        self.log = log
        jitter = Mutex(SeededJitter(seed: seed))
    }

    /// Gives new targets their place in the log; call before the server takes leads, so none of their
    /// events is missed.
    func prepare() throws {
        try store.registerDeliveryTargets(handback.targets)
    }

    func start() {
        // A webhook that redirects is answered as it answers: a 3xx is not followed (and is not a delivery).
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // A refused connection fails the attempt at once: the delivery's own backoff decides when to try
        // again (the client would otherwise keep reconnecting until the attempt's timeout).
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        sender.withLock { $0 = DeliverySender(client: client, handback: handback, now: now) }
        let thread = Thread { [self] in run() }
        thread.name = "handoff.deliverer"
        thread.start()
    }

    /// Waits a moment for sends in flight, records their answers and ends the thread. A send still
    /// unanswered stays pending and goes out again at the next start, or from a server standing by
    /// (receivers de-duplicate on `Handoff-Delivery`).
    func stop() {
        state.withLock { $0.stopping = true }
        poke()
        finished.wait()
    }

    private func poke() {
        wake.lock()
        state.withLock { $0.poked = true }
        wake.signal()
        wake.unlock()
    }

    private func run() {
        while !state.withLock({ $0.stopping }) {
            pass()
            wake.lock()
            if !state.withLock({ $0.poked || $0.stopping }) { _ = wake.wait(until: Date().addingTimeInterval(0.1)) }
            state.withLock { $0.poked = false }
            wake.unlock()
        }
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, !state.withLock({ $0.inFlight.isEmpty }) { usleep(10_000) }
        try? recordAnswers()
        try? sender.withLock { $0 }?.client.syncShutdown()
        finished.signal()
    }

    private func pass() {
        do {
            try recordAnswers()
            // Standing by for another server: it delivers; this one takes over with the lease.
            if let turn, !turn.mayRoute() { return }
            try take()
            try launch()
            if let problem = state.withLock({ s -> String? in defer { s.lastProblem = nil }; return s.lastProblem }) {
                log("deliveries resumed after: \(problem)")
            }
        } catch {
            let message = String(describing: error)
            let first = state.withLock { s -> Bool in
                defer { s.lastProblem = message }
                return s.lastProblem != message
            }
            if first { log("deliveries paused: \(message); trying again each second") }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    private func take() throws {
        let config = handback.config
        let owners = self.owners()
        var skipped = 0
        _ = try store.takeDeliveries(targets: handback.targets, limit: Self.takeLimit, at: now()) { target, entry in
            let plan = DeliveryPlanner.plan(target: target, entry: entry, config: config, owners: owners)
            if plan?.skipped != nil { skipped += 1 }
            return plan
        }
        if skipped > 0 { metrics.deliveries(status: "skipped", count: skipped) }
    }

    private func launch() throws {
        let (inFlight, room) = state.withLock { ($0.inFlight, Self.concurrency - $0.inFlight.count) }
        guard room > 0, let sender = sender.withLock({ $0 }) else { return }
        let due = try store.dueDeliveries(targets: handback.targets, at: now(), excluding: inFlight, limit: room)
        for delivery in due {
            let unit = jitter.withLock { $0.next() }
            state.withLock { _ = $0.inFlight.insert(delivery.id) }
            Task { [self] in
                let attempt = await sender.send(delivery, unit: unit)
                state.withLock { $0.answered.append(attempt) }
                poke()
            }
        }
    }

    private func recordAnswers() throws {
        let answered = state.withLock { $0.answered }
        guard !answered.isEmpty else { return }
        try store.recordDeliveryAttempts(answered)
        state.withLock { s in
            s.answered.removeFirst(answered.count)
            for attempt in answered { s.inFlight.remove(attempt.delivery) }
        }
        for attempt in answered {
            switch attempt.next {
            case .delivered: metrics.deliveries(status: "delivered")
            case .retry: metrics.deliveries(status: "retried")
            case .dead: metrics.deliveries(status: "dead")
            }
        }
    }
}

extension Deliverer {
    /// A deliverer for the server's desk, or nil without a handback configuration (or a store that
    /// keeps no delivery log).
    static func make(desk: Desk, handback: Handback?, metrics: ServerMetrics, turn: RoutingTurn, log: @escaping @Sendable (String) -> Void) -> Deliverer? {
        guard let handback, !handback.targets.isEmpty, let store = desk.store as? any DeliveryStore else { return nil }
        return Deliverer(store: store, handback: handback, owners: {
            let owners = desk.rulebook.owners
            return Dictionary(owners.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }, metrics: metrics, log: log, turn: turn)
    }
}
