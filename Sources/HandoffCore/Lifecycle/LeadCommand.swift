/// Something an operator (or an owner) asks to do to one lead. Every command goes through the
/// lifecycle and is refused if the lead changed since the operator looked at it.
public enum LeadCommand: Sendable, Hashable {
    /// Assign a flagged lead to its proposed owner.
    case approve
    case reassign(to: String, reason: String)
    case annotate(String)
    case disqualify(reason: String)
    /// The owner took the lead on.
    case accept
    /// Send the lead back to the router.
    case retry
    /// Send the lead (back) to the exceptions queue with `reason`, proposing `proposal` (default: its
    /// current owner). How an operator takes back an approval or a reassignment.
    case flag(reason: ExceptionReason, note: String, proposal: String? = nil)
    /// Reopen a disqualified lead as an exception: how an operator takes back a disqualification.
    case reopen(note: String, proposal: String? = nil)
    /// The SLA timer: the owner did not accept in time; the lead becomes an `sla_breached` exception,
    /// proposing the same owner.
    case breach(note: String)
    /// The SLA timer: the owner did not accept in time; the lead goes to `to` instead.
    case reroute(to: String, note: String)
    /// The SLA timer: the accept-by time is near.
    case remind(note: String)
    /// An operator's undo of `undoing`: puts the lead back as it stood (state, owner or proposed owner,
    /// reason, clock), recorded as the compensating event (flagged, reassigned or reopened).
    case restore(LeadStanding, undoing: LeadAction, note: String)

    public var action: LeadAction {
        switch self {
        case .approve: .approve
        case .reassign: .reassign
        case .annotate: .annotate
        case .disqualify: .disqualify
        case .accept: .accept
        case .retry: .retry
        case .flag: .flag
        case .reopen: .reopen
        case .breach: .breach
        case .reroute: .reroute
        case .remind: .remind
        case .restore(let standing, let undone, _): standing.compensation(undoing: undone)
        }
    }
}
