import Foundation
import HandoffCore
import HandoffStore
import Synchronization

/// What a waiting request is told about a decided lead.
struct DecidedLead: Sendable {
    var state: LeadState
    var owner: String?
    var reason: ExceptionReason?
    /// The one-line trace (DecisionText.summary).
    var summary: String?

    init(_ decision: Decision) {
        state = decision.isAssigned ? .assigned : .flagged
        owner = decision.owner
        reason = decision.reason
        summary = DecisionText.summary(decision)
    }

    init(_ record: LeadRecord) {
        state = record.state
        owner = record.owner
        reason = record.reason
        summary = record.decision.map(DecisionText.summary)
    }
}

/// Requests holding their answer until their leads are decided (`?wait=owner`). A request is registered
/// by the intake writer the moment its leads commit, before it wakes the routing thread. The routing
/// thread may still have decided them first (a pass already under way sees the commit), so the last
/// decisions are remembered and a registration takes what they hold: either way a decision reaches its
/// request directly, with no store read and no second wake of the routing thread. The request then
/// waits on its ticket: answered when all its leads are decided or its time is up, whichever comes
/// first, exactly once.
final class DecisionWaiters: Sendable {
    /// A registered request, waited on with `wait(_:timeout:)`.
    struct Ticket: Sendable, Hashable {
        fileprivate let token: Int
    }

    private struct Waiter {
        var pending: Set<String>
        var found: [String: DecidedLead] = [:]
        /// Set once the request waits; until then a complete answer is kept in `found`.
        var answer: CheckedContinuation<[String: DecidedLead], Never>?
        /// Its time limit (`Deadlines.shared`), given up when it is answered.
        var deadline: Int?
    }

    private struct State {
        var next = 0
        var waiters: [Int: Waiter] = [:]
        /// Registered requests whose leads were all decided before they waited.
        var complete: [Int: [String: DecidedLead]] = [:]
        /// Lead id to the waiters that want it.
        var byLead: [String: [Int]] = [:]
        /// Ids that may have been decided before they were registered (repeats of stored leads), for
        /// the routing thread to look up in the store.
        var toLookUp: [String] = []
        var stopped = false
        /// The last decisions made, for registrations that come just after them.
        var recent: [String: Decision] = [:]
        var recentOrder: [String] = []
        var recentNext = 0

        /// One lead's decision to the waiters that want it; those now complete and waiting go to `done`.
        mutating func hand(_ lead: DecidedLead, of id: String, to tokens: [Int], done: inout [Waiter]) {
            for token in tokens {
                guard var waiter = waiters[token] else { continue }
                waiter.pending.remove(id)
                waiter.found[id] = lead
                if !waiter.pending.isEmpty {
                    waiters[token] = waiter
                } else if waiter.answer == nil {
                    // Decided before the request waits: its wait returns at once.
                    waiters[token] = nil
                    complete[token] = waiter.found
                } else {
                    waiters[token] = nil
                    done.append(waiter)
                }
            }
        }

        mutating func remember(_ decision: Decision) {
            if recentOrder.count < DecisionWaiters.recentLimit {
                recentOrder.append(decision.leadId)
            } else {
                recent[recentOrder[recentNext]] = nil
                recentOrder[recentNext] = decision.leadId
                recentNext = (recentNext + 1) % DecisionWaiters.recentLimit
            }
            recent[decision.leadId] = decision
        }

        /// Forgets a waiter and its leads; what it had found.
        mutating func dropWaiter(_ token: Int) -> [String: DecidedLead]? {
            guard let waiter = waiters.removeValue(forKey: token) else { return nil }
            for id in waiter.pending {
                byLead[id]?.removeAll { $0 == token }
                if byLead[id]?.isEmpty == true { byLead[id] = nil }
            }
            return waiter.found
        }
    }

    private let state = Mutex(State())
    /// Decisions remembered: the routing thread can only get ahead of a registration while the
    /// writer thread is held up between its commit and its registrations (descheduled, on a busy
    /// machine), a few batches of 500 at the very most.
    static let recentLimit = 4_096

    var count: Int { state.withLock { $0.waiters.count + $0.complete.count } }

    /// Registers a request waiting for `ids`; `lookUp` are those that may be decided already (their
    /// decisions are not coming from the routing thread's next batches). Nil for no ids.
    /// `decided` holds decisions made in the transaction that stored the leads.
    func register(_ ids: [String], lookUp: [String], decided: [String: Decision] = [:]) -> Ticket? {
        guard !ids.isEmpty else { return nil }
        return state.withLock { s in
            let token = s.next
            s.next += 1
            var waiter = Waiter(pending: Set(ids))
            for id in waiter.pending {
                if let decision = decided[id] ?? s.recent[id] {
                    waiter.found[id] = DecidedLead(decision)
                    waiter.pending.remove(id)
                }
            }
            if waiter.pending.isEmpty {
                s.complete[token] = waiter.found
            } else {
                for id in waiter.pending { s.byLead[id, default: []].append(token) }
                s.waiters[token] = waiter
                s.toLookUp.append(contentsOf: lookUp.filter { waiter.pending.contains($0) })
            }
            return Ticket(token: token)
        }
    }

    /// What was decided of the ticket's leads, once all are, or when `timeout` is up.
    func wait(_ ticket: Ticket, timeout: Duration) async -> [String: DecidedLead] {
        await withCheckedContinuation { answer in
            let ready = state.withLock { s -> [String: DecidedLead]? in
                if let found = s.complete.removeValue(forKey: ticket.token) { return found }
                guard !s.stopped, s.waiters[ticket.token] != nil else { return s.dropWaiter(ticket.token) ?? [:] }
                s.waiters[ticket.token]?.answer = answer
                return nil
            }
            if let ready { return answer.resume(returning: ready) }
            // Started once waiting, so time never runs out for a request not yet waiting.
            let deadline = Deadlines.shared.add(timeout) { [self] in expire(ticket.token) }
            let answered = state.withLock { s in
                guard s.waiters[ticket.token] != nil else { return true }
                s.waiters[ticket.token]?.deadline = deadline
                return false
            }
            if answered { Deadlines.shared.cancel(deadline) }
        }
    }

    /// Ids to look up in the store since the last call, for the routing thread.
    func takeToLookUp() -> [String] {
        state.withLock { s in
            defer { s.toLookUp = [] }
            return s.toLookUp
        }
    }

    /// Decisions the routing thread has just committed: remembered, and handed to their waiters.
    func decided(_ decisions: [Decision]) {
        guard !decisions.isEmpty else { return }
        let done = state.withLock { s -> [Waiter] in
            var done: [Waiter] = []
            for decision in decisions {
                s.remember(decision)
                if let tokens = s.byLead.removeValue(forKey: decision.leadId) {
                    s.hand(DecidedLead(decision), of: decision.leadId, to: tokens, done: &done)
                }
            }
            return done
        }
        answer(done)
    }

    /// Leads found decided in the store.
    func decided(_ leads: [(String, DecidedLead)]) {
        guard !leads.isEmpty else { return }
        let done = state.withLock { s -> [Waiter] in
            var done: [Waiter] = []
            for (id, lead) in leads {
                guard let tokens = s.byLead.removeValue(forKey: id) else { continue }
                s.hand(lead, of: id, to: tokens, done: &done)
            }
            return done
        }
        answer(done)
    }

    private func answer(_ done: [Waiter]) {
        for waiter in done {
            if let deadline = waiter.deadline { Deadlines.shared.cancel(deadline) }
            waiter.answer?.resume(returning: waiter.found)
        }
    }

    /// Time is up for one request: it gets what was decided so far.
    private func expire(_ token: Int) {
        let waiter = state.withLock { s -> Waiter? in
            guard s.waiters[token]?.answer != nil else { return nil }
            let waiter = s.waiters[token]
            _ = s.dropWaiter(token)
            return waiter
        }
        waiter?.answer?.resume(returning: waiter!.found)
    }

    /// The server is stopping: every waiting request gets what was decided so far, and one that waits
    /// from now on gets it at once.
    func expireAll() {
        let tokens = state.withLock { s in
            s.stopped = true
            return Array(s.waiters.keys)
        }
        for token in tokens { expire(token) }
    }
}
