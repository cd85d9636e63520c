import HandoffCore

extension LeadState {
    /// Colour for a state's name; the name is always printed too, so colour only repeats it.
    public var colour: TextStyle.Colour? {
        switch self {
        case .assigned, .accepted: .green
        case .flagged: .yellow
        case .disqualified, .merged: .dim
        case .received, .ready: nil
        }
    }
}
