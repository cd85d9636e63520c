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

/// Requests holding their answer until their leads are decided (`?wait=owner`). The routing thread
/// hands in decisions; a request is answered when all its leads are decided or its time is up,
/// whichever comes first, exactly once.
final class DecisionWaiters: Sendable {
    private struct Waiter {
        var pending: Set<String>
        var found: [String: DecidedLead] = [:]
        var answer: CheckedContinuation<[String: DecidedLead], Never>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var next = 0
        var waiters: [Int: Waiter] = [:]
        /// Lead id to the waiters that want it.
        var byLead: [String: [Int]] = [:]
        /// Ids registered since the routing thread last looked them up in the store.
        var newlyWaited: [String] = []
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.waiters.count } }

    func wait(for ids: [String], timeout: Duration, registered: @Sendable () -> Void) async -> [String: DecidedLead] {
        guard !ids.isEmpty else { return [:] }
        return await withCheckedContinuation { answer in
            let token = state.withLock { s in
                let token = s.next
                s.next += 1
                s.waiters[token] = Waiter(pending: Set(ids), answer: answer)
                for id in Set(ids) { s.byLead[id, default: []].append(token) }
                s.newlyWaited.append(contentsOf: ids)
                return token
            }
            // Started once registered, so time never runs out for a request not yet waiting.
            let timer = Task { [self] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                expire(token)
            }
            state.withLock { s in s.waiters[token]?.timer = timer }
            registered()
        }
    }

    /// Ids waited for since the last call, for the routing thread to look up.
    func takeNewlyWaited() -> [String] {
        state.withLock { s in
            defer { s.newlyWaited = [] }
            return s.newlyWaited
        }
    }

    func decided(_ leads: [(String, DecidedLead)]) {
        guard !leads.isEmpty else { return }
        let done = state.withLock { s -> [Waiter] in
            guard !s.waiters.isEmpty else { return [] }
            var done: [Waiter] = []
            for (id, lead) in leads {
                guard let tokens = s.byLead.removeValue(forKey: id) else { continue }
                for token in tokens {
                    guard var waiter = s.waiters[token] else { continue }
                    waiter.pending.remove(id)
                    waiter.found[id] = lead
                    if waiter.pending.isEmpty {
                        s.waiters[token] = nil
                        done.append(waiter)
                    } else {
                        s.waiters[token] = waiter
                    }
                }
            }
            return done
        }
        for waiter in done {
            waiter.timer?.cancel()
            waiter.answer.resume(returning: waiter.found)
        }
    }

    /// Time is up for one request: it gets what was decided so far.
    private func expire(_ token: Int) {
        let waiter = state.withLock { s -> Waiter? in
            guard let waiter = s.waiters.removeValue(forKey: token) else { return nil }
            for id in waiter.pending {
                s.byLead[id]?.removeAll { $0 == token }
                if s.byLead[id]?.isEmpty == true { s.byLead[id] = nil }
            }
            return waiter
        }
        waiter?.answer.resume(returning: waiter!.found)
    }

    /// The server is stopping: every request gets what was decided so far.
    func expireAll() {
        let tokens = state.withLock { Array($0.waiters.keys) }
        for token in tokens { expire(token) }
    }
}
