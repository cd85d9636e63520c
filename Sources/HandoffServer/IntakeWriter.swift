import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Synchronization

/// The one thread that stores leads taken in over HTTP (group commit). Requests queue their leads; the
/// writer takes everything waiting, stores it in one transaction, then answers each request with its
/// leads' ids. Under load many requests share a commit, so throughput does not hang on one transaction
/// (and one disk sync) per request; alone, a request waits for nobody. The desk's store calls are
/// synchronous, so they run here, never on an event loop or in the Swift concurrency pool.
final class IntakeWriter: Sendable {
    struct Job: Sendable {
        var leads: [IncomingLead]
        var quarantine: [QuarantinedRecord]
        /// `?wait=owner`: registered as a waiter the moment its leads commit.
        var waits: Bool
        var answer: CheckedContinuation<Result<Stored, StoreFailed>, Never>
    }

    /// A request's leads once committed, and its ticket when it waits for their decisions.
    struct Stored: Sendable {
        var ids: [StoredLeadId]
        var ticket: DecisionWaiters.Ticket?
    }

    private let desk: Desk
    private let metrics: ServerMetrics
    private let jobs = Mutex<(waiting: [Job], stopped: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Told every commit's queued leads, before any request hears of them: the routing loop starts
    /// their clocks and routes them.
    private let committed: @Sendable ([StoredLeadId]) -> Void
    /// Told the decisions a commit made (leads routed in their intake transaction): the routing loop
    /// counts them.
    private let decided: @Sendable ([Decision]) -> Void
    /// Where requests that wait for decisions are registered, before the routing loop is told.
    private let waiters: DecisionWaiters

    /// At most this many leads go into one transaction: a group is cut before the job that would pass it.
    static let groupLimit = 20_000
    /// Groups of more leads are stored queued, for the routing thread to decide beside this one: with
    /// batches, deciding here would leave the other core to the handlers alone and this thread the
    /// bottleneck. Single-lead requests make groups of a few dozen, batches of a hundred and more.
    static let routeLimit = 64
    /// Whether the routing loop has caught up with what was queued: until then a group is stored
    /// queued without trying to decide it (which would find leads queued, and roll back).
    private let queueEmpty: @Sendable () -> Bool

    init(desk: Desk, metrics: ServerMetrics, waiters: DecisionWaiters, committed: @escaping @Sendable ([StoredLeadId]) -> Void,
         decided: @escaping @Sendable ([Decision]) -> Void, queueEmpty: @escaping @Sendable () -> Bool) {
        self.queueEmpty = queueEmpty
        self.desk = desk
        self.metrics = metrics
        self.waiters = waiters
        self.committed = committed
        self.decided = decided
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "handoff.intake-writer"
        thread.start()
    }

    /// Stores `leads` and `quarantine` durably; the ids once the transaction has committed, and with
    /// `waits` the ticket to wait for their decisions on.
    func store(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], waits: Bool = false) async -> Result<Stored, StoreFailed> {
        await withCheckedContinuation { answer in
            let accepted = jobs.withLock { state in
                guard !state.stopped else { return false }
                state.waiting.append(Job(leads: leads, quarantine: quarantine, waits: waits, answer: answer))
                return true
            }
            if accepted { wake.signal() } else { answer.resume(returning: .failure(StoreFailed(message: "the server is stopping"))) }
        }
    }

    /// Answers everything queued, then ends the thread; requests after this are refused.
    func stop() {
        jobs.withLock { $0.stopped = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        while true {
            wake.wait()
            let (group, stopped) = jobs.withLock { state -> ([Job], Bool) in
                var taken = 0
                var count = 0
                for job in state.waiting {
                    if count > 0, count + job.leads.count > Self.groupLimit { break }
                    count += job.leads.count
                    taken += 1
                }
                let group = Array(state.waiting.prefix(taken))
                state.waiting.removeFirst(taken)
                return (group, state.stopped)
            }
            if !group.isEmpty { commit(group) }
            // Jobs left (a cut group) or queued meanwhile were signalled; a stop drains them first.
            let remaining = jobs.withLock { $0.waiting.count }
            if remaining > 0 { wake.signal(); continue }
            if stopped { break }
        }
        finished.signal()
    }

    private func commit(_ group: [Job]) {
        let leads = group.flatMap(\.leads)
        let quarantine = group.flatMap(\.quarantine)
        do {
            // Routed in their own transaction when nothing is queued; else queued behind the others.
            let routed = route(leads, quarantine: quarantine)
            let ids = try routed?.ids ?? desk.intake(leads, quarantine: quarantine, actor: "http")
            metrics.committed()
            if let routed, !routed.decisions.isEmpty { decided(routed.decisions) }
            // Decisions made in this transaction, for the requests that wait for them: nobody else can
            // (their leads' ids are new), so they go straight onto those requests' tickets.
            var madeNow: [String: Decision] = [:]
            if let routed, group.contains(where: \.waits) {
                for (id, decision) in zip(routed.ids.filter(\.added), routed.decisions) { madeNow[id.id] = decision }
            }
            var answers: [Stored] = []
            answers.reserveCapacity(group.count)
            var offset = 0
            for job in group {
                let stored = Array(ids[offset..<(offset + job.leads.count)])
                offset += job.leads.count
                // Before the routing loop hears of the leads, so their decisions find the waiter; a
                // repeat's lead may be decided already, so the routing loop looks it up.
                let ticket = job.waits
                    ? waiters.register(stored.map(\.id), lookUp: stored.filter { !$0.added }.map(\.id), decided: madeNow) : nil
                answers.append(Stored(ids: stored, ticket: ticket))
            }
            if let routed {
                // Only repeats can still be waited for: the routing loop looks them up.
                let repeats = routed.ids.filter { !$0.added }
                if !repeats.isEmpty, group.contains(where: \.waits) { committed(repeats) }
            } else if ids.contains(where: \.added) || group.contains(where: \.waits) {
                committed(ids)
            }
            for (job, answer) in zip(group, answers) { job.answer.resume(returning: .success(answer)) }
        } catch {
            // One request's failure must not fail the others it was grouped with: each alone once more.
            if group.count > 1 {
                for job in group { commit([job]) }
            } else {
                group[0].answer.resume(returning: .failure(StoreFailed(message: String(describing: error))))
            }
        }
    }
}

extension IntakeWriter {
    /// Stores and decides `leads` in one transaction; nil when leads are queued (or too many to decide
    /// here), or when that write failed (nothing of it was stored: the group is then stored queued, as
    /// it would be otherwise).
    private func route(_ leads: [IncomingLead], quarantine: [QuarantinedRecord]) -> RoutedIntake? {
        guard !leads.isEmpty, leads.count <= Self.routeLimit, queueEmpty() else { return nil }
        return try? desk.intakeRouting(leads, quarantine: quarantine, actor: "http")
    }
}

/// The store refused a write (locked too long, disk full, damaged): nothing of the request was stored.
struct StoreFailed: Error, Sendable {
    var message: String
}
