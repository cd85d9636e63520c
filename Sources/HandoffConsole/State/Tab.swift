/// The console's views, switched with their number keys and Tab.
public enum Tab: Int, CaseIterable, Sendable, Hashable {
    case incoming = 1, exceptions, owners, activity
    /// The review of the last day: time to owner, exceptions, overrides, SLA breaches, load.
    case insights = 5
    /// A draft rulebook's simulation (`:simulate DRAFT`).
    case simulation = 6
    /// A draft shadowing the live rulebook (`:shadow DRAFT`): where the two part, live.
    case shadow = 7
    /// Webhooks and CRM write-backs `handoff serve` delivers, with their status; dead-lettered ones retried.
    case deliveries = 8

    public var title: String {
        switch self {
        case .incoming: "Incoming"
        case .exceptions: "Exceptions"
        case .owners: "Owners"
        case .activity: "Activity"
        case .simulation: "Simulation"
        case .insights: "Insights"
        case .shadow: "Shadow"
        case .deliveries: "Deliveries"
        }
    }

    /// For a narrow tab bar.
    public var shortTitle: String {
        switch self {
        case .incoming: "Inc"
        case .exceptions: "Exc"
        case .owners: "Own"
        case .activity: "Act"
        case .insights: "Ins"
        case .simulation: "Sim"
        case .shadow: "Shd"
        case .deliveries: "Dlv"
        }
    }

    /// Whether the rows are leads (so lead actions, marks and the detail pane apply).
    public var listsLeads: Bool { self == .incoming || self == .exceptions }

    /// Whether the view is a table with a cursor (the Insights view is figures only).
    public var hasRows: Bool { self != .insights && self != .shadow }

    /// Whether Enter opens the detail pane on the row under the cursor.
    public var hasDetail: Bool { listsLeads || self == .simulation }

    public var next: Tab { Tab.allCases[(Tab.allCases.firstIndex(of: self)! + 1) % Tab.allCases.count] }
    public var previous: Tab { Tab.allCases[(Tab.allCases.firstIndex(of: self)! + Tab.allCases.count - 1) % Tab.allCases.count] }
}
