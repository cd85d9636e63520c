import Foundation
import HandoffCore
import HandoffDesk

/// The view: a pure function of the state, drawn into a screen buffer of roles. The terminal layer
/// turns roles into a theme's colors; golden tests read the buffer back as text.
public enum ConsoleRenderer {
    public static func render(_ state: ConsoleState) -> ScreenBuffer {
        var screen = ScreenBuffer(rows: state.rows, columns: state.columns)
        render(state, into: &screen)
        return screen
    }

    public static func render(_ state: ConsoleState, into screen: inout ScreenBuffer) {
        screen.cursor = nil
        let layout = Layout(state)
        if layout.tooSmall {
            tooSmall(state, &screen)
            return
        }
        HeaderView.draw(state, into: &screen, layout.header)
        TabBar.draw(state, into: &screen, layout.tabs)
        if let band = layout.band { SimulationPanel.drawBand(state, into: &screen, band) }
        let tableFocused = !(state.detailRequested && !state.wideLayout)
        if tableFocused || state.wideLayout { table(state, into: &screen, layout.table) }
        if let detail = layout.detail { DetailPane.draw(state, into: &screen, detail) }
        StatusLine.draw(state, into: &screen, layout.status)
        HintBar.draw(state, into: &screen, layout.hints)
        Dialogs.draw(state, into: &screen)
    }

    static func table(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        let now = state.deskNow
        let zone = state.settings.zone
        let filtered = state.filter.isEmpty ? nil : state.filter.text
        switch state.tab {
        case .incoming:
            draw(state, state.incomingRows, Columns.incoming, id: \.id, marks: state.marks,
                 empty: filtered.map { "no lead matches the filter \($0)" } ?? "no leads yet: they appear here as they arrive",
                 cells: { LeadRowCells.incoming($0, now: now) }, into: &screen, rect)
        case .exceptions:
            draw(state, state.exceptionRows, Columns.exceptions, id: \.id, marks: state.marks,
                 empty: filtered.map { "no exception matches the filter \($0)" } ?? "no exceptions: every lead found its owner",
                 cells: { LeadRowCells.exceptions($0, now: now) }, into: &screen, rect)
        case .owners:
            draw(state, state.ownerRows, Columns.owners, id: \.id, marks: [], empty: "the rulebook names no owners",
                 cells: OwnerRowCells.cells, into: &screen, rect)
        case .activity:
            draw(state, state.activityRows, Columns.activity, id: { String($0.seq) }, marks: [], empty: "the log is empty",
                 cells: { EventRowCells.cells($0, zone: zone) }, into: &screen, rect)
        case .insights:
            InsightsView.draw(state, into: &screen, rect)
        case .shadow:
            ShadowPanel.draw(state, into: &screen, rect)
        case .deliveries:
            draw(state, state.deliveryRows, Columns.deliveries, id: { String($0.id) }, marks: [],
                 empty: state.deliveries == nil ? "loading…" : DeliveriesView.emptyText, cells: { DeliveriesView.cells($0, now: state.wallNow) },
                 into: &screen, rect)
        case .simulation:
            let rows = state.simulationRows
            TableView.draw(TableView.Input(
                columns: Columns.simulation, rows: rows, ids: rows.map(\.leadId), top: state.tops[.simulation] ?? 0,
                cursor: state.cursors[.simulation], marks: [], sort: state.sort[.simulation], focused: state.modal == nil,
                empty: SimulationPanel.emptyText(state), cells: SimulationPanel.cells
            ), into: &screen, rect)
        }
    }

    /// One view's table: its rows in view, the cursor and marks by id, a placeholder until data arrives.
    private static func draw<Row>(
        _ state: ConsoleState, _ rows: [Row], _ columns: [Column<Row>], id: (Row) -> String, marks: Set<String>, empty: String,
        cells: @escaping (Row) -> [TableCell], into screen: inout ScreenBuffer, _ rect: Rect
    ) {
        let tab = state.tab
        TableView.draw(TableView.Input(
            columns: columns, rows: rows, ids: rows.map(id), offset: state.pageOffset(tab),
            total: ConsoleState.isPaged(tab) ? state.total(tab) : nil, pendingRow: state.pendingRows[tab],
            top: state.tops[tab] ?? 0, cursor: state.cursors[tab], marks: marks,
            sort: state.sort[tab], focused: state.modal == nil, empty: state.snapshot == nil ? "loading…" : empty, cells: cells
        ), into: &screen, rect)
    }

    static func tooSmall(_ state: ConsoleState, _ screen: inout ScreenBuffer) {
        let lines = [
            "Terminal too small",
            "\(state.columns)x\(state.rows); Handoff needs \(Layout.minimumColumns)x\(Layout.minimumRows)",
            "Enlarge the window, or q to quit",
        ]
        let top = max((state.rows - lines.count) / 2, 0)
        for (i, line) in lines.enumerated() where top + i < state.rows {
            let width = TextWidth.columns(line)
            screen.put(line, row: top + i, column: max((state.columns - width) / 2, 0), role: i == 0 ? .statusError : .plain)
        }
    }
}
