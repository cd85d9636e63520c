/// The console's views, switched with their number keys and Tab.
public enum Tab: Int, CaseIterable, Sendable, Hashable {
    case incoming = 1, exceptions, owners, activity
    /// The review of the last day: time to owner, exceptions, overrides, SLA breaches, load.
    case insights = 5

    public var title: String {
        switch self {
        case .incoming: "Incoming"
        case .exceptions: "Exceptions"
        case .owners: "Owners"
        case .activity: "Activity"
        case .insights: "Insights"
        }
    }

    /// Whether the rows are leads (so lead actions, marks and the detail pane apply).
    public var listsLeads: Bool { self == .incoming || self == .exceptions }

    /// Whether the view is a table with a cursor (the Insights view is figures only).
    public var hasRows: Bool { self != .insights }

    public var next: Tab { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    public var previous: Tab { Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count] }
}
