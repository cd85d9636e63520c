/// The lead lifecycle as one table of legal transitions.
///
///     received -> ready -> assigned -> accepted
///     flagged from received / ready / assigned; operators move flagged -> assigned
///     disqualified and merged: terminal side exits from any open state (a disqualification can be
///     reopened as an exception, which is how an operator undoes it)
///
/// Anything not in the table is an error naming the state and the action, never a silent no-op.
public enum Lifecycle {
    private static let open: [LeadState] = [.received, .ready, .assigned, .accepted, .flagged]

    /// action -> (from -> to)
    public static let transitions: [LeadAction: [LeadState: LeadState]] = [
        .check: [.received: .ready],
        .assign: [.ready: .assigned],
        .flag: [.received: .flagged, .ready: .flagged, .assigned: .flagged],
        .approve: [.flagged: .assigned],
        .reassign: [.flagged: .assigned, .assigned: .assigned],
        // Notes and reminders change nothing but the log, in any state.
        .annotate: Dictionary(uniqueKeysWithValues: LeadState.allCases.map { ($0, $0) }),
        .remind: [.assigned: .assigned],
        .accept: [.assigned: .accepted],
        .breach: [.assigned: .flagged],
        .reroute: [.assigned: .assigned],
        .disqualify: Dictionary(uniqueKeysWithValues: open.map { ($0, .disqualified) }),
        .merge: Dictionary(uniqueKeysWithValues: open.map { ($0, .merged) }),
        .retry: [.flagged: .received, .ready: .received],
        // The one way out of a closed state: an operator taking back a disqualification.
        .reopen: [.disqualified: .flagged],
    ]

    /// The state after `action`, or an error saying why it is not allowed.
    public static func next(_ state: LeadState, _ action: LeadAction) throws(LifecycleError) -> LeadState {
        guard let to = transitions[action]?[state] else { throw LifecycleError(state: state, action: action) }
        return to
    }

    /// What can be done to a lead in `state`.
    public static func allowed(from state: LeadState) -> [LeadAction] {
        LeadAction.allCases.filter { transitions[$0]?[state] != nil }
    }
}

public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var state: LeadState
    public var action: LeadAction

    public init(state: LeadState, action: LeadAction) {
        self.state = state
        self.action = action
    }

    public var description: String {
        let from = Lifecycle.transitions[action].map { $0.keys.map(\.rawValue).sorted().joined(separator: ", ") } ?? ""
        if state.isTerminal {
            return "cannot \(action.rawValue) a lead that is \(state.rawValue): it is closed"
        }
        return "cannot \(action.rawValue) a lead that is \(state.rawValue); \(action.rawValue) applies to leads that are \(from)"
    }
}
