import Foundation

/// How a lead stood at one moment, as an undo needs it to put the lead back: its state, its owner (or
/// proposed owner), its exception reason and its clock (`updated_at`, from which its SLA counts and
/// by which the exceptions queue ranks it).
public struct LeadStanding: Sendable, Hashable {
    public var state: LeadState
    public var owner: String?
    public var reason: ExceptionReason?
    public var clock: Date

    public init(state: LeadState, owner: String?, reason: ExceptionReason?, clock: Date) {
        self.state = state
        self.owner = owner
        self.reason = reason
        self.clock = clock
    }

    /// The lifecycle action that puts a lead back to this standing after `undone`: an approval or a
    /// reassignment of a flagged lead is taken back by flagging it again, a reassignment of an assigned
    /// lead by reassigning it back, a disqualification by reopening. The store checks that the action
    /// leads to this standing's state from wherever the lead is.
    public func compensation(undoing undone: LeadAction) -> LeadAction {
        switch (undone, state) {
        case (.reassign, .assigned): .reassign
        case (.disqualify, _): .reopen
        default: .flag
        }
    }
}
