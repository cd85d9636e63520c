/// Something that happens to a lead: by the router, an operator, the owner or the SLA timer.
/// Each action, when legal, is recorded as exactly one event of kind `event`.
public enum LeadAction: String, Sendable, Hashable, CaseIterable, Codable {
    case check, assign, flag, approve, reassign, annotate, accept, breach, reroute, remind, disqualify, merge, retry
    /// Back from disqualified to the exceptions queue: how an operator undoes a disqualification.
    case reopen

    public var event: EventKind {
        switch self {
        case .check: .checked
        case .assign: .assigned
        case .flag: .flagged
        case .approve: .approved
        case .reassign: .reassigned
        case .annotate: .annotated
        case .accept: .accepted
        case .breach: .slaBreached
        case .reroute: .rerouted
        case .remind: .reminded
        case .disqualify: .disqualified
        case .merge: .merged
        case .retry: .retried
        case .reopen: .reopened
        }
    }
}

/// The kinds of fact in the handoff log.
public enum EventKind: String, Sendable, Hashable, CaseIterable, Codable {
    case received, checked, assigned, flagged, approved, reassigned, annotated, accepted
    case slaBreached = "sla_breached"
    case rerouted, reminded, disqualified, merged, retried, reopened
    /// An operator took an exception on (`claimed`) or let it go (`unclaimed`): who works on it, not a
    /// change to the lead, so the entry keeps the lead's version (docs/ARCHITECTURE.md, "Claims").
    case claimed, unclaimed

    /// Whether the entry is a transition of the lead (one version up); a claim's entries are not.
    public var changesLead: Bool { self != .claimed && self != .unclaimed }
}
