import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

extension ConsoleState {
    /// A view's rows in display order: the snapshot's order unless the operator sorted by a column.
    public var incomingRows: [LeadRow] { sorted(snapshot?.incoming ?? [], Columns.incoming, sort[.incoming]) }
    public var exceptionRows: [LeadRow] { sorted(snapshot?.exceptions ?? [], Columns.exceptions, sort[.exceptions]) }
    public var ownerRows: [OwnerRow] { sorted(snapshot?.owners ?? [], Columns.owners, sort[.owners]) }
    public var activityRows: [LeadEvent] { sorted(snapshot?.activity ?? [], Columns.activity, sort[.activity]) }
    public var simulationRows: [LeadChange] { sorted(simulation?.rows ?? [], Columns.simulation, sort[.simulation]) }

    public func leadRows(_ tab: Tab) -> [LeadRow] {
        switch tab {
        case .incoming: incomingRows
        case .exceptions: exceptionRows
        default: []
        }
    }

    /// Row ids of a view, in display order; cursors and marks refer to these.
    public func ids(_ tab: Tab) -> [String] {
        switch tab {
        case .incoming: incomingRows.map(\.id)
        case .exceptions: exceptionRows.map(\.id)
        case .owners: ownerRows.map(\.id)
        case .activity: activityRows.map { String($0.seq) }
        case .insights, .shadow: []
        case .simulation: simulationRows.map(\.leadId)
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

    /// Finds a lead wherever the snapshot holds it (marks may span views).
    public func lead(_ id: String) -> LeadRow? {
        snapshot?.exceptions.first { $0.id == id } ?? snapshot?.incoming.first { $0.id == id }
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
