/// Where a lead is in its life. One state machine, the same meaning everywhere.
public enum LeadState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Taken in, waiting for the router.
    case received
    /// Passed readiness checks, waiting for an owner.
    case ready
    /// Has an owner who has not accepted it yet.
    case assigned
    /// The owner took it on.
    case accepted
    /// An exception: waiting for an operator's judgment.
    case flagged
    /// Not a real lead (spam, test, out of market). Terminal.
    case disqualified
    /// Folded into another lead. Terminal.
    case merged

    public var isTerminal: Bool { self == .disqualified || self == .merged }
    /// Counts toward its owner's open load.
    public var isOpen: Bool { self == .assigned }
}
