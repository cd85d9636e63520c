/// The console's four views, switched with 1-4 and Tab.
public enum Tab: Int, CaseIterable, Sendable, Hashable {
    case incoming = 1, exceptions, owners, activity

    public var title: String {
        switch self {
        case .incoming: "Incoming"
        case .exceptions: "Exceptions"
        case .owners: "Owners"
        case .activity: "Activity"
        }
    }

    /// Whether the rows are leads (so lead actions, marks and the detail pane apply).
    public var listsLeads: Bool { self == .incoming || self == .exceptions }

    public var next: Tab { Tab(rawValue: rawValue % 4 + 1)! }
    public var previous: Tab { Tab(rawValue: (rawValue + 2) % 4 + 1)! }
}
