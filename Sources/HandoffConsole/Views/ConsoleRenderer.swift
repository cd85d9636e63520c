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
        let tableFocused = !(state.detailRequested && !state.wideLayout)
        if tableFocused || state.wideLayout { table(state, into: &screen, layout.table) }
        if let detail = layout.detail { DetailPane.draw(state, into: &screen, detail) }
        StatusLine.draw(state, into: &screen, layout.status)
        HintBar.draw(state, into: &screen, layout.hints)
        Dialogs.draw(state, into: &screen)
    }

    static func table(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        let tab = state.tab
        let top = state.tops[tab] ?? 0
        let cursor = state.cursors[tab]
        let focused = state.modal == nil
        let now = state.deskNow
        let loading = state.snapshot == nil ? "loading…" : nil
        switch tab {
        case .incoming:
            let rows = state.incomingRows
            TableView.draw(TableView.Input(
                columns: Columns.incoming, rows: rows, ids: rows.map(\.id), top: top, cursor: cursor, marks: state.marks,
                sort: state.sort[tab], focused: focused, empty: loading ?? (state.filter.isEmpty ? "no leads yet: they appear here as they arrive" : "no lead matches the filter \(state.filter.text)"),
                cells: { LeadRowCells.incoming($0, now: now) }), into: &screen, rect)
        case .exceptions:
            let rows = state.exceptionRows
            TableView.draw(TableView.Input(
                columns: Columns.exceptions, rows: rows, ids: rows.map(\.id), top: top, cursor: cursor, marks: state.marks,
                sort: state.sort[tab], focused: focused, empty: loading ?? (state.filter.isEmpty ? "no exceptions: every lead found its owner" : "no exception matches the filter \(state.filter.text)"),
                cells: { LeadRowCells.exceptions($0, now: now) }), into: &screen, rect)
        case .owners:
            let rows = state.ownerRows
            TableView.draw(TableView.Input(
                columns: Columns.owners, rows: rows, ids: rows.map(\.id), top: top, cursor: cursor, marks: [],
                sort: state.sort[tab], focused: focused, empty: loading ?? "the rulebook names no owners",
                cells: OwnerRowCells.cells), into: &screen, rect)
        case .activity:
            let rows = state.activityRows
            let zone = state.settings.zone
            TableView.draw(TableView.Input(
                columns: Columns.activity, rows: rows, ids: rows.map { String($0.seq) }, top: top, cursor: cursor, marks: [],
                sort: state.sort[tab], focused: focused, empty: loading ?? "the log is empty",
                cells: { EventRowCells.cells($0, zone: zone) }), into: &screen, rect)
        }
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
