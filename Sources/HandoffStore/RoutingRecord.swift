import Foundation
import HandoffCore

/// What recording a decision writes, worked out without an engine so every engine records a decision
/// the same way: the router's entry for a lead routed from the queue (one `decided` entry standing for
/// checked and then assigned or flagged, or `flagged` alone), the one `routed` entry for a lead taken in and decided at once (`RoutedEntry`), and what
/// the decision adds to the projections (`ProjectionTally`).
package enum RoutingRecord {
    /// One log entry to append for the router, numbered and hashed by the engine's writer.
    package struct Entry: Sendable, Hashable {
        package var kind: String
        package var version: Int
        package var reason: String?
        package var detail: EventDetail
    }

    /// Reasons found before routing: such a lead never became `ready`.
    package static let readinessReasons: Set<ExceptionReason> = [.missingField, .invalidEmail, .freeEmail]

    /// Whether the decision stopped at the readiness checks, so the lead was never `ready`.
    package static func failedReadiness(_ decision: Decision) -> Bool {
        decision.exceptions.first.map { readinessReasons.contains($0.reason) } ?? false
    }

    /// The router's entries for `decision` on a lead `received` at `version`, and the lead's state and
    /// version after them. Throws when the lifecycle does not allow a step.
    package static func entries(_ decision: Decision, outcome: DecisionOutcome, version: Int) throws -> (entries: [Entry], state: LeadState, version: Int) {
        var version = version
        var state = LeadState.received
        var entries: [Entry] = []
        func step(_ action: LeadAction, reason: String?, detail: EventDetail) throws {
            let next = try Lifecycle.next(state, action)
            version += 1
            var detail = detail
            detail.from = state
            detail.to = next
            state = next
            entries.append(Entry(kind: action.event.rawValue, version: version, reason: reason, detail: detail))
        }
        if !failedReadiness(decision) { try step(.check, reason: nil, detail: EventDetail()) }
        if decision.isAssigned, let owner = decision.owner {
            try step(.assign, reason: outcome.reason, detail: EventDetail(owner: owner))
        } else {
            try step(.flag, reason: outcome.reason, detail: EventDetail(owner: decision.owner, text: outcome.text))
        }
        return (entries, state, version)
    }

    /// The one entry a queued lead's decision is stored as where the engine writes `decided` entries
    /// (`RoutedEntry`): `decided` for a lead that passed the readiness checks, standing for `entries`'
    /// two, else `entries`' one `flagged`. The lead's state and version after it, as for `entries`.
    package static func decided(_ decision: Decision, outcome: DecisionOutcome, version: Int) throws -> (entry: Entry, state: LeadState, version: Int) {
        let (entries, state, after) = try self.entries(decision, outcome: outcome, version: version)
        guard entries.count == 2, let last = entries.last else { return (entries[0], state, after) }
        var detail = last.detail
        detail.from = .received
        return (Entry(kind: RoutedEntry.decidedKind, version: last.version, reason: last.reason, detail: detail), state, after)
    }

    /// The one `routed` entry for a lead taken in and decided in the same transaction, and the lead's
    /// state and version after it. It makes the same transitions the three entries would, so an illegal
    /// one fails the same way.
    package static func routed(_ decision: Decision, outcome: DecisionOutcome) throws -> (entry: Entry, state: LeadState, version: Int) {
        let (checked, state, version) = RoutedEntry.outcome(decision)
        var walked = try Lifecycle.next(.received, checked ? .check : (state == .assigned ? .assign : .flag))
        if checked { walked = try Lifecycle.next(walked, state == .assigned ? .assign : .flag) }
        precondition(walked == state, "a routed entry ends where its steps do")
        let detail = state == .assigned ? EventDetail(owner: decision.owner, to: state) : EventDetail(owner: decision.owner, text: outcome.text, to: state)
        return (Entry(kind: RoutedEntry.kind, version: version, reason: outcome.reason, detail: detail), state, version)
    }
}

/// What a batch of decisions adds to the projections, summed so an engine writes each owner's load and
/// each pool's ledger line and turn once a batch: open load per owner, leads given and thousandths of a
/// lead excused per pool and owner, the last owner per pool, and the batch's counts.
package struct ProjectionTally: Sendable {
    package private(set) var assigned = 0
    package private(set) var flagged: [ExceptionReason: Int] = [:]
    package private(set) var loads: [String: Int] = [:]
    package private(set) var given: [String: [String: Int]] = [:]
    package private(set) var excused: [String: [String: Int]] = [:]
    package private(set) var lastOwner: [String: String] = [:]

    package init() {}

    package mutating func add(_ decision: Decision, state: LeadState) {
        if state == .assigned, let owner = decision.owner {
            loads[owner, default: 0] += 1
            if let pool = decision.pool {
                given[pool, default: [:]][owner, default: 0] += 1
                lastOwner[pool] = owner
                for excuse in decision.excused { excused[pool, default: [:]][excuse.owner, default: 0] += excuse.milli }
            }
            assigned += 1
        } else {
            flagged[decision.reason ?? .noRoute, default: 0] += 1
        }
    }
}
