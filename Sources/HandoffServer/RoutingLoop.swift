import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Synchronization

/// The rulebook file a server watches: read again when its modification time changes.
public struct RulebookSource: Sendable {
    public var path: String
    /// Reads and checks the file: the rulebook and its text, or the problems as one message.
    public var load: @Sendable () -> Result<(rulebook: Rulebook, text: String), RulebookProblems>

    public init(path: String, load: @escaping @Sendable () -> Result<(rulebook: Rulebook, text: String), RulebookProblems>) {
        self.path = path
        self.load = load
    }

    var modified: Date? { (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
}

/// Why a changed rulebook was not put in force (the one in force stays).
public struct RulebookProblems: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The routing core of `handoff serve`, on a thread of its own: drains the queue as soon as intake
/// commits (and every tenth of a second for leads other processes queue), runs the SLA timer about
/// once a second, puts a changed rulebook in force, and answers requests waiting for decisions.
final class RoutingLoop: Sendable {
    private let desk: Desk
    private let rules: RulebookSource?
    private let metrics: ServerMetrics
    let waiters: DecisionWaiters
    private let log: @Sendable (String) -> Void
    /// Told after each pass that routed leads (their decisions are committed): the feed's followers wake.
    private let afterRouting: @Sendable () -> Void
    private let wake = NSCondition()
    private let state = Mutex(LoopState())
    private let finished = DispatchSemaphore(value: 0)
    /// False from when this server queues leads until a pass finds the queue empty: the intake writer
    /// then decides leads itself again (its transaction checks the queue; this spares it a try bound
    /// to fail).
    private let drained = Atomic<Bool>(false)
    /// When this server committed each lead it took in, for the intake-to-decision histogram.
    private let intakeTimes = Mutex<[String: ContinuousClock.Instant]>([:])
    /// The workspace's routing lease: this loop routes only while it holds it.
    private let turn: RoutingTurn

    struct LoopState {
        var poked = false
        var stopping = false
        var core = CoreState.routing
        /// Queued leads at the last count.
        var queued = 0
        var lastSweep: ContinuousClock.Instant?
        var lastRulesCheck: ContinuousClock.Instant?
        var rulesModified: Date?
    }

    /// Leads routed in one pass before the loop looks at waiters, the clock and the rulebook again.
    static let passLimit = 2_000
    /// Leads routed in one transaction.
    static let batchSize = 500

    /// Whether requests wait here for their leads' decisions (`handoff serve`); a worker takes no requests,
    /// and remembering every decision for them was a tenth of its routing thread's time.
    private let answersRequests: Bool

    init(desk: Desk, rules: RulebookSource?, metrics: ServerMetrics, log: @escaping @Sendable (String) -> Void,
         routed: @escaping @Sendable () -> Void = {}, turn: RoutingTurn? = nil, answersRequests: Bool = true) {
        afterRouting = routed
        self.answersRequests = answersRequests
        self.turn = turn ?? RoutingTurn(store: desk.store)
        self.desk = desk
        self.rules = rules
        self.metrics = metrics
        self.log = log
        waiters = DecisionWaiters()
        state.withLock { $0.rulesModified = rules?.modified }
    }

    var core: CoreState { state.withLock { $0.core } }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "handoff.routing"
        thread.start()
    }

    func poke() {
        wake.lock()
        state.withLock { $0.poked = true }
        wake.signal()
        wake.unlock()
    }

    var queueEmpty: Bool { drained.load(ordering: .acquiring) }

    /// Leads this server has just stored: timed from now to their decision.
    func taken(_ ids: [StoredLeadId]) {
        if ids.contains(where: \.added) { drained.store(false, ordering: .releasing) }
        let now = ContinuousClock.now
        intakeTimes.withLock { times in for stored in ids where stored.added { times[stored.id] = now } }
        poke()
    }

    /// Leads decided in their intake transaction: counted (nothing elapsed between intake and
    /// decision). The intake writer hands them to the requests waiting for them.
    func decidedAtIntake(_ decisions: [Decision]) {
        for decision in decisions { metrics.decided(decision, afterIntake: .zero) }
    }

    /// The decisions of a waiting request's leads as they come, for at most `timeout`: what was decided by then.
    func decisions(_ ticket: DecisionWaiters.Ticket, timeout: Duration) async -> [String: DecidedLead] {
        await waiters.wait(ticket, timeout: timeout)
    }

    /// Ends the loop after its current pass; waiting requests are answered with what is decided.
    func stop() {
        state.withLock { $0.stopping = true }
        poke()
        finished.wait()
        waiters.expireAll()
    }

    private func run() {
        while true {
            wake.lock()
            if !state.withLock({ $0.poked || $0.stopping }) { _ = wake.wait(until: Date().addingTimeInterval(0.1)) }
            state.withLock { $0.poked = false }
            wake.unlock()
            if state.withLock({ $0.stopping }) { break }
            pass()
        }
        state.withLock { $0.core = .stopped("the server is stopping") }
        turn.release()
        finished.signal()
    }

    private func pass() {
        // Another routing core (a worker, another server, a console) holds the lease: this one stands by,
        // and its intake stores leads queued for the holder.
        guard turn.mayRoute() else {
            drained.store(false, ordering: .releasing)
            let holder = turn.holder()
            let changed = state.withLock { s -> Bool in
                defer { s.core = .standingBy(holder: holder) }
                return s.core != .standingBy(holder: holder)
            }
            if changed { log("standing by: the routing core is held by \(holder ?? "another process")") }
            return
        }
        do {
            reloadRulesIfChanged()
            try answerWaitersFromStore()
            var routed = 0
            var drained = false
            while routed < Self.passLimit {
                let batch = try desk.routeBatch(size: Self.batchSize)
                routed += batch.routed
                if !batch.decisions.isEmpty { record(batch.decisions) }
                // A short batch emptied the queue: asking again would only be another (empty) transaction
                // holding the write lock the intake writer needs. Leads stored meanwhile poke the loop.
                if batch.routed < Self.batchSize { drained = true; break }
            }
            if routed > 0 { afterRouting() }
            let now = ContinuousClock.now
            let due = state.withLock { s -> Bool in
                let due = s.lastSweep.map { now - $0 >= .seconds(1) } ?? true
                if due { s.lastSweep = now }
                return due
            }
            if drained {
                self.drained.store(true, ordering: .releasing)
                metrics.queue(depth: 0)
                state.withLock { $0.queued = 0 }
            }
            if due {
                try desk.sweep()
                if !drained {
                    // Only when behind, from the queue's index: counting every lead's state took tens of
                    // milliseconds a second on a large workspace, which every decision waited behind.
                    let depth = try desk.store.queuedCount()
                    metrics.queue(depth: depth)
                    state.withLock { $0.queued = depth }
                }
                // Leads another process routed never reach this loop's decisions: their clocks go.
                intakeTimes.withLock { times in
                    if times.count > 10_000 { times = times.filter { now - $0.value < .seconds(600) } }
                }
            }
            state.withLock { s in
                // Behind: a pass took all it could and leads were still queued.
                s.core = routed >= Self.passLimit ? .behind(queued: max(s.queued, 1)) : .routing
            }
            if routed >= Self.passLimit { poke() }
        } catch {
            let message = String(describing: error)
            state.withLock { $0.core = .stopped(message) }
            log("routing stopped: \(message); retrying in a second")
            Thread.sleep(forTimeInterval: 1)
        }
    }

    private func record(_ decisions: [Decision]) {
        let now = ContinuousClock.now
        let started = intakeTimes.withLock { times in decisions.map { times.removeValue(forKey: $0.leadId) } }
        for (decision, start) in zip(decisions, started) {
            metrics.decided(decision, afterIntake: start.map { now - $0 })
        }
        if answersRequests { waiters.decided(decisions) }
    }

    /// Waiters registered since the last pass may wait for leads decided before they registered (a
    /// repeat of an old request): the store says.
    private func answerWaitersFromStore() throws {
        let ids = waiters.takeToLookUp()
        guard !ids.isEmpty else { return }
        var found: [(String, DecidedLead)] = []
        for id in ids {
            guard let record = try desk.store.lead(id), record.state != .received else { continue }
            found.append((id, DecidedLead(record)))
        }
        waiters.decided(found)
    }

    private func reloadRulesIfChanged() {
        guard let rules else { return }
        let now = ContinuousClock.now
        let due = state.withLock { s in
            guard s.lastRulesCheck.map({ now - $0 >= .seconds(1) }) ?? true else { return false }
            s.lastRulesCheck = now
            return true
        }
        guard due, let modified = rules.modified, modified != state.withLock({ $0.rulesModified }) else { return }
        state.withLock { $0.rulesModified = modified }
        switch rules.load() {
        case .success(let loaded):
            guard loaded.rulebook.version != desk.rulebook.version else { return }
            do {
                // Recorded first, so every decision it makes can be traced to its text.
                try desk.store.record(rulebook: loaded.rulebook, source: loaded.text, author: "serve", at: desk.clock())
                try desk.reload(loaded.rulebook)
                log("rulebook \(loaded.rulebook.version) from \(rules.path) is in force")
            } catch {
                log("could not put the new rulebook from \(rules.path) in force: \(error)")
            }
        case .failure(let problems):
            log("\(rules.path) changed but has errors; the rulebook in force stays:\n\(problems.message)")
        }
    }
}

/// How the routing core is doing, as /healthz tells it.
enum CoreState: Sendable, Equatable {
    case routing
    /// Leads are queued faster than one pass routes them.
    case behind(queued: Int)
    /// Not routing: the server is stopping, or the store refused the last pass (why).
    case stopped(String)
    /// Another routing core holds the workspace's lease (who, as it wrote it); this one takes over when it ends.
    case standingBy(holder: String?)

    var name: String {
        switch self {
        case .routing: "routing"
        case .behind: "behind"
        case .stopped: "stopped"
        case .standingBy: "standing by"
        }
    }
}
