import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// A value to sort a column by: numbers as numbers, text case-insensitively, missing values last.
public enum SortKey: Comparable, Sendable {
    case number(Double)
    case text(String)
    case missing

    static func of(_ text: String?) -> SortKey { text.map { .text($0.lowercased()) } ?? .missing }
}

/// One column of a table: its heading, how wide it wants to be, and how it reads a row.
public struct Column<Row>: Sendable {
    public var title: String
    /// Columns it needs; the one flexible column takes what is left.
    public var width: Int
    public var flexible: Bool
    public var alignRight: Bool
    /// When the terminal is narrow, columns with the lowest priority are left out first.
    public var priority: Int
    public var sortKey: @Sendable (Row) -> SortKey

    public init(
        _ title: String, width: Int, flexible: Bool = false, alignRight: Bool = false, priority: Int = 5,
        sortKey: @escaping @Sendable (Row) -> SortKey
    ) {
        self.title = title
        self.width = width
        self.priority = priority
        self.flexible = flexible
        self.alignRight = alignRight
        self.sortKey = sortKey
    }
}

/// The columns of each view. Text for the cells is made by the views; sorting needs only keys.
public enum Columns {
    public static let incoming: [Column<LeadRow>] = [
        Column("ID", width: 9, priority: 10) { .of($0.id) },
        Column("AGE", width: 5, alignRight: true) { .number(-$0.receivedAt.timeIntervalSince1970) },
        Column("COMPANY", width: 14, flexible: true, priority: 8) { .of($0.company) },
        Column("CTRY", width: 4, priority: 4) { .of($0.country) },
        Column("SIZE", width: 6, alignRight: true, priority: 2) { row in row.employees.flatMap(NumberText.parse).map(SortKey.number) ?? .missing },
        Column("ROUTE", width: 16, priority: 3) { .of($0.route) },
        Column("OWNER", width: 8, priority: 8) { .of($0.owner) },
        Column("STATE", width: 10, priority: 9) { .of($0.state.rawValue) },
        Column("REASON", width: 20, priority: 7) { .of($0.reason?.code) },
    ]

    public static let exceptions: [Column<LeadRow>] = [
        Column("SLA LEFT", width: 8, alignRight: true, priority: 9) { row in row.slaDue.map { .number($0.timeIntervalSince1970) } ?? .missing },
        Column("AGE", width: 5, alignRight: true) { .number(-$0.receivedAt.timeIntervalSince1970) },
        Column("ID", width: 9, priority: 10) { .of($0.id) },
        Column("REASON", width: 20, priority: 7) { .of($0.reason?.code) },
        Column("COMPANY", width: 14, flexible: true, priority: 8) { .of($0.company) },
        Column("CTRY", width: 4, priority: 4) { .of($0.country) },
        Column("ROUTE", width: 16, priority: 3) { .of($0.route) },
        Column("PROPOSED", width: 8, priority: 8) { .of($0.owner) },
        // Who works on it (`c` claims); the store has no order for it, so a sort by it keeps the list's.
        Column("CLAIMED", width: 8, priority: 6) { .of($0.claim?.by) },
    ]

    public static let owners: [Column<OwnerRow>] = [
        Column("OWNER", width: 8, priority: 8) { .of($0.id) },
        Column("NAME", width: 14, flexible: true, priority: 2) { .of($0.name) },
        Column("LOAD", width: 18, priority: 9) { row in .number(row.capacity.map { Double(row.open) / Double(max($0, 1)) } ?? Double(row.open)) },
        Column("AVAILABILITY", width: 16, priority: 8) { .of(AvailabilityWords.short($0.availability)) },
        Column("LOCAL", width: 9, priority: 6) { .of($0.localTime) },
        Column("OUT OF OFFICE", width: 25, priority: 4) { .of($0.outOfOffice.first) },
        Column("TODAY", width: 5, alignRight: true, priority: 5) { .number(Double($0.assignedToday)) },
        Column("ACCEPT", width: 6, alignRight: true, priority: 3) { row in row.acceptMedian.map(SortKey.number) ?? .missing },
        // Got against due from the fairness ledger; sorts by how far behind.
        Column("GOT/SHARE", width: 10, alignRight: true, priority: 3) { row in row.share.map { .number($0.behind) } ?? .missing },
    ]

    public static let activity: [Column<LeadEvent>] = [
        Column("TIME", width: 8, priority: 10) { .number(Double($0.seq)) },
        Column("LEAD", width: 9, priority: 9) { .of($0.leadId) },
        Column("EVENT", width: 12, priority: 9) { .of($0.kind.rawValue) },
        Column("ACTOR", width: 10, priority: 8) { .of($0.actor) },
        Column("OWNER", width: 8, priority: 8) { .of($0.detail.owner) },
        Column("REASON", width: 20, flexible: true) { .of($0.reason ?? $0.detail.text) },
    ]

    /// A simulation's changed leads: before and after as route -> owner or an exception reason.
    public static let simulation: [Column<LeadChange>] = [
        Column("LEAD", width: 9, priority: 10) { .of($0.leadId) },
        Column("BEFORE", width: 26, priority: 9) { .of($0.before.text) },
        Column("AFTER", width: 26, priority: 9) { .of($0.after.text) },
        Column("WHY", width: 20, flexible: true, priority: 8) { .of($0.why) },
        Column("COMPANY", width: 14, priority: 3) { .of($0.company) },
    ]

    /// The store's field for each column of a paged view, and whether the store's order runs the other
    /// way from the column's (AGE ascending is the newest first).
    static let storeFields: [Tab: [(field: String, reversed: Bool)]] = [
        .incoming: [("id", false), ("received", true), ("company", false), ("country", false), ("size", false), ("route", false),
                    ("owner", false), ("state", false), ("reason", false)],
        .exceptions: [("waiting", false), ("received", true), ("id", false), ("reason", false), ("company", false), ("country", false),
                      ("route", false), ("owner", false)],
        .activity: [("seq", false), ("lead", false), ("kind", false), ("actor", false), ("owner", false), ("reason", false)],
    ]

    /// How the store orders a paged view sorted by `spec`; nil keeps the list's own order.
    public static func storeSort(_ tab: Tab, _ spec: SortSpec?) -> ListSort? {
        guard let spec, let fields = storeFields[tab], spec.column < fields.count else { return nil }
        let (field, reversed) = fields[spec.column]
        return ListSort(field, descending: spec.descending != reversed)
    }

    public static func count(_ tab: Tab) -> Int {
        switch tab {
        case .incoming: incoming.count
        case .exceptions: exceptions.count
        case .owners: owners.count
        case .activity: activity.count
        case .insights, .shadow: 0
        case .simulation: simulation.count
        case .deliveries: deliveries.count
        }
    }

    public static func titles(_ tab: Tab) -> [String] {
        switch tab {
        case .incoming: incoming.map(\.title)
        case .exceptions: exceptions.map(\.title)
        case .owners: owners.map(\.title)
        case .activity: activity.map(\.title)
        case .insights, .shadow: []
        case .simulation: simulation.map(\.title)
        case .deliveries: deliveries.map(\.title)
        }
    }
}

/// Availability in a couple of words, for a table cell.
public enum AvailabilityWords {
    public static func short(_ availability: Availability) -> String {
        switch availability {
        case .available: "available"
        case .inactive: "inactive"
        case .paused: "paused"
        case .outOfOffice: "out of office"
        case .holiday: "holiday"
        case .offHours: "off hours"
        }
    }
}
