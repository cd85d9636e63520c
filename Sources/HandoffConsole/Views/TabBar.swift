/// The row of view names under the header: " 1 Incoming  2 Exceptions 27  3 Owners  4 Activity ".
enum TabBar {
    /// The views on the bar: Simulation only once there is one to show (or it is the view on show).
    static func shown(_ state: ConsoleState) -> [Tab] {
        Tab.allCases.filter {
            ($0 != .simulation || state.simulation != nil || state.tab == .simulation) && ($0 != .shadow || state.shadow != nil || state.tab == .shadow)
                && ($0 != .deliveries || state.deliveries?.rows.isEmpty == false || state.tab == .deliveries)
        }
    }

    static func labels(_ state: ConsoleState) -> [(tab: Tab, text: String)] {
        let short = isShort(shown(state), columns: state.columns)
        return shown(state).map { tab in
            var text = " \(tab.rawValue) \(short ? tab.shortTitle : tab.title)"
            if tab == .exceptions, let snapshot = state.snapshot { text += " \(snapshot.exceptionsTotal)\(snapshot.exceptionsTotalCapped ? "+" : "")" }
            return (tab, text + " ")
        }
    }

    /// Which tab a click at `column` lands on (the labels' widths do not depend on the data for this).
    static func tab(at column: Int, _ state: ConsoleState) -> Tab? {
        let tabs = shown(state), short = isShort(tabs, columns: state.columns)
        var start = 0
        for tab in tabs {
            let w = width(tab, columns: state.columns, short: short)
            if column >= start && column < start + w { return tab }
            start += w + separator(state.columns)
        }
        return nil
    }

    /// Each label's fixed width, with room for the exceptions count, so labels never shift: six digits,
    /// or four below 100 columns, where labels also go without the column between them, so the badges
    /// beside them still fit.
    static func width(_ tab: Tab, columns: Int, short: Bool = false) -> Int {
        TextWidth.columns(" \(tab.rawValue) \(short ? tab.shortTitle : tab.title) ") + (tab == .exceptions ? (columns < 100 ? 5 : 7) : 0)
    }

    static func separator(_ columns: Int) -> Int { columns < 100 ? 0 : 1 }

    /// Whether the labels go short ("1 Inc") so the whole bar and a badge or two still fit.
    static func isShort(_ tabs: [Tab], columns: Int) -> Bool {
        let full = tabs.reduce(0) { $0 + width($1, columns: columns) } + separator(columns) * max(tabs.count - 1, 0)
        return full + badgeRoom > columns
    }

    /// Columns kept free beside the labels for badges such as "1-21 of 152".
    static let badgeRoom = 12

    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .tab)
        var column = rect.column
        let short = isShort(shown(state), columns: state.columns)
        for (tab, text) in labels(state) {
            let role: StyleRole = tab == state.tab ? .tabActive : .tab
            let w = width(tab, columns: state.columns, short: short)
            screen.put(TextWidth.padded(text, to: w), row: rect.row, column: column, width: rect.right - column, role: role)
            column += w + separator(state.columns)
            if column >= rect.right { break }
        }
        var badges: [String] = []
        if state.tab == .simulation {
            if let filter = state.simulation?.filter, !filter.isEmpty { badges.append("filter: \(filter)") }
        } else if !state.filter.isEmpty {
            badges.append("filter: \(state.filter.text)")
        }
        if !state.marks.isEmpty { badges.append("\(state.marks.count) marked") }
        if let spec = state.sort[state.tab] {
            badges.append("sort: \(Columns.titles(state.tab)[spec.column].lowercased()) \(spec.descending ? "▼" : "▲")")
        }
        if state.follow.contains(state.tab) { badges.append("following") }
        // Where in the list, beside the badges rather than over a column heading.
        let count = state.total(state.tab)
        let height = Layout(state).tableBodyRows
        if count > height {
            let top = state.tops[state.tab] ?? 0
            badges.append("\(top + 1)-\(min(top + height, count)) of \(count)\(state.totalCapped(state.tab) ? "+" : "")")
        }
        // Where room is short the filter and the marks stay (they change what an action does), the rest
        // goes, and the filter is cut short rather than left out.
        let room = rect.right - column - 2
        let essential = badges.filter { $0.hasSuffix(" marked") } + badges.filter { $0.hasPrefix("filter: ") }.map { "/" + $0.dropFirst(8) }
        var text = badges.joined(separator: " · ")
        if TextWidth.columns(text) > room { text = essential.joined(separator: " · ") }
        if TextWidth.columns(text) > room, room > 3 { text = TextWidth.truncated(text, to: room) }
        let width = TextWidth.columns(text)
        if width > 0, rect.right - width - 1 > column {
            screen.put(text, row: rect.row, column: rect.right - width - 1, role: .badge)
        }
    }
}
