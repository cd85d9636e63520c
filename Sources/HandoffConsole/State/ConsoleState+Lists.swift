import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

extension ConsoleState {
    /// A view's loaded rows in display order. The lead lists and the log are pages the store read in
    /// the order asked for (sorted there); owners and a simulation are whole and sorted here.
    public var incomingRows: [LeadRow] { snapshot?.incoming ?? [] }
    public var exceptionRows: [LeadRow] { snapshot?.exceptions ?? [] }
    public var ownerRows: [OwnerRow] { sorted(snapshot?.owners ?? [], Columns.owners, sort[.owners]) }
    public var activityRows: [LeadEvent] { snapshot?.activity ?? [] }
    public var simulationRows: [LeadChange] { sorted(simulation?.rows ?? [], Columns.simulation, sort[.simulation]) }
    public var deliveryRows: [StoredDelivery] { sorted(deliveries?.rows ?? [], Columns.deliveries, sort[.deliveries]) }

    public func leadRows(_ tab: Tab) -> [LeadRow] {
        switch tab {
        case .incoming: incomingRows
        case .exceptions: exceptionRows
        default: []
        }
    }

    /// Whether the view's rows come a page at a time.
    public static func isPaged(_ tab: Tab) -> Bool { tab == .incoming || tab == .exceptions || tab == .activity }

    /// Where the loaded rows start in the whole list.
    public func pageOffset(_ tab: Tab) -> Int {
        switch tab {
        case .incoming: snapshot?.incomingOffset ?? 0
        case .exceptions: snapshot?.exceptionsOffset ?? 0
        case .activity: snapshot?.activityOffset ?? 0
        default: 0
        }
    }

    /// Rows in the whole list (as counted: see `totalCapped`).
    public func total(_ tab: Tab) -> Int {
        switch tab {
        case .incoming: snapshot?.incomingTotal ?? 0
        case .exceptions: snapshot?.exceptionsTotal ?? 0
        case .activity: snapshot?.activityTotal ?? 0
        default: ids(tab).count
        }
    }

    /// True when the count stopped at the desk's counting limit: the list holds at least `total`.
    public func totalCapped(_ tab: Tab) -> Bool {
        switch tab {
        case .incoming: snapshot?.incomingTotalCapped ?? false
        case .exceptions: snapshot?.exceptionsTotalCapped ?? false
        default: false
        }
    }

    /// Row ids of a view's loaded rows, in display order; cursors and marks refer to these.
    public func ids(_ tab: Tab) -> [String] {
        switch tab {
        case .incoming: incomingRows.map(\.id)
        case .exceptions: exceptionRows.map(\.id)
        case .owners: ownerRows.map(\.id)
        case .activity: activityRows.map { String($0.seq) }
        case .insights, .shadow: []
        case .simulation: simulationRows.map(\.leadId)
        case .deliveries: deliveryRows.map { String($0.id) }
        }
    }

    /// The lead under the cursor, in a lead view.
    public var cursorLead: LeadRow? {
        guard tab.listsLeads, let id = cursors[tab] else { return nil }
        return leadRows(tab).first { $0.id == id }
    }

    /// The changed lead under the cursor, in the Simulation view.
    public var cursorChange: LeadChange? {
        guard tab == .simulation, let id = cursors[.simulation] else { return nil }
        return simulation?.report?.changes.first { $0.leadId == id }
    }

    public var cursorOwner: OwnerRow? {
        guard tab == .owners, let id = cursors[.owners] else { return nil }
        return snapshot?.owners.first { $0.id == id }
    }

    /// Finds a lead wherever the snapshot holds it, else as it was when marked (marks may span views
    /// and pages).
    public func lead(_ id: String) -> LeadRow? {
        snapshot?.exceptions.first { $0.id == id } ?? snapshot?.incoming.first { $0.id == id } ?? markedRows[id]
    }

    private func sorted<Row>(_ rows: [Row], _ columns: [Column<Row>], _ spec: SortSpec?) -> [Row] {
        guard let spec, spec.column < columns.count else { return rows }
        let key = columns[spec.column].sortKey
        // Stable: equal keys keep the snapshot's order, so rows do not shuffle between frames.
        let keyed = rows.enumerated().map { (key: key($0.element), index: $0.offset, row: $0.element) }
        return keyed.sorted { a, b in
            if a.key != b.key {
                if a.key == .missing { return false }
                if b.key == .missing { return true }
                return spec.descending ? a.key > b.key : a.key < b.key
            }
            return a.index < b.index
        }.map(\.row)
    }
}
