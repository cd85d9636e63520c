/// What a webhook or a CRM write-back reports: the handoff events a program outside Handoff acts on.
/// A log entry of any other kind (received, checked, annotated, reminded, ...) is delivered nowhere.
public enum HandbackEvent: String, Sendable, Hashable, CaseIterable, Codable {
    case assigned, reassigned, rerouted, flagged, accepted

    /// The name in a delivery's body and `Handoff-Event` header, e.g. `lead.assigned`.
    public var type: String { "lead.\(rawValue)" }

    /// The lead has a new owner: what a CRM write-back reports.
    public var givesOwner: Bool { self == .assigned || self == .reassigned || self == .rerouted }

    /// The one place a log entry's kind becomes a delivery's event, or nil for an entry that is delivered
    /// nowhere. `to` is the state the entry moved the lead to (an entry that decides a lead may assign or
    /// flag it).
    public static func of(_ kind: EventKind, to: LeadState?) -> HandbackEvent? {
        switch kind {
        case .assigned, .approved: .assigned
        case .reassigned: .reassigned
        case .rerouted: .rerouted
        case .flagged: .flagged
        // A breach that sends the lead back to the exceptions queue, or an undone disqualification.
        case .slaBreached, .reopened: to == .flagged ? .flagged : nil
        case .accepted: .accepted
        case .received, .checked, .annotated, .reminded, .disqualified, .merged, .retried, .claimed, .unclaimed: nil
        }
    }

    /// From the word in `handback.yaml`'s `events` list.
    public init?(word: String) {
        self.init(rawValue: word.hasPrefix("lead.") ? String(word.dropFirst(5)) : word)
    }
}
