/// One cell of a table row: text and the role that styles it.
struct TableCell {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .plain) {
        self.text = text
        self.role = role
    }
}

/// Draws a table into a rectangle: a heading, then only the rows in view. Columns that do not fit are
/// dropped from the right; the flexible column takes the room that is left.
enum TableView {
    /// Marks and the cursor live in a two-column gutter, so a marked row reads without color.
    static let gutter = 2

    /// Each column's width, 0 for a column left out; the least important go first when room is short.
    static func widths<Row>(_ columns: [Column<Row>], available: Int) -> [Int] {
        var shown = Set(columns.indices)
        func need() -> Int { shown.reduce(0) { $0 + columns[$1].width + 1 } }
        let byPriority = columns.indices.sorted { columns[$0].priority != columns[$1].priority ? columns[$0].priority < columns[$1].priority : $0 > $1 }
        for index in byPriority where need() > available && shown.count > 1 { shown.remove(index) }
        var widths = columns.indices.map { shown.contains($0) ? columns[$0].width : 0 }
        let spare = available - need()
        if spare > 0, let flex = columns.indices.first(where: { shown.contains($0) && columns[$0].flexible }) { widths[flex] += spare }
        return widths
    }

    struct Input<Row> {
        var columns: [Column<Row>]
        /// The loaded rows, starting at `offset` of the whole list of `total`.
        var rows: [Row]
        var ids: [String]
        var offset = 0
        var total: Int? = nil
        /// The row the cursor is moving to while its page is read.
        var pendingRow: Int? = nil
        var top: Int
        var cursor: String?
        var marks: Set<String>
        var sort: SortSpec?
        var focused: Bool
        var empty: String
        var cells: (Row) -> [TableCell]
    }

    static func draw<Row>(_ input: Input<Row>, into screen: inout ScreenBuffer, _ rect: Rect) {
        guard rect.height > 0, rect.width > gutter else { return }
        screen.fill(rect, role: .plain)
        let widths = widths(input.columns, available: rect.width - gutter)
        // Heading, with the sort direction on the sorted column.
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .tableHeading)
        var column = rect.column + gutter
        for (index, width) in widths.enumerated() where width > 0 {
            var title = input.columns[index].title
            if let sort = input.sort, sort.column == index { title += sort.descending ? "▼" : "▲" }
            let text = input.columns[index].alignRight ? TextWidth.padded(title, to: width, alignRight: true) : title
            screen.put(text, row: rect.row, column: column, width: width, role: .tableHeading)
            column += width + 1
        }
        let total = input.total ?? input.rows.count
        guard !input.rows.isEmpty || total > 0 else {
            screen.put("  " + input.empty, row: rect.row + 2, column: rect.column, width: rect.width, role: .muted)
            return
        }
        let visible = rect.height - 1
        let end = min(input.top + visible, total)
        guard input.top < end else { return }
        for position in input.top..<end {
            let row = rect.row + 1 + position - input.top
            let index = position - input.offset
            guard index >= 0, index < input.rows.count else {
                // Beyond the loaded page: the desk is reading it.
                screen.put("  …", row: row, column: rect.column, width: rect.width, role: .muted)
                if position == input.pendingRow { screen.restyle(row: row, column: rect.column, width: rect.width, role: .selection) }
                continue
            }
            let id = input.ids[index]
            let marked = input.marks.contains(id)
            let selected = input.pendingRow.map { $0 == position } ?? (id == input.cursor)
            screen.put(marked ? "● " : "  ", row: row, column: rect.column, width: gutter, role: marked ? .marked : .plain)
            var c = rect.column + gutter
            let cells = input.cells(input.rows[index])
            for (i, width) in widths.enumerated() where i < cells.count && width > 0 {
                let cell = cells[i]
                let text = input.columns[i].alignRight ? TextWidth.padded(cell.text, to: width, alignRight: true) : cell.text
                screen.put(text, row: row, column: c, width: width, role: marked && i == 0 ? .marked : cell.role)
                c += width + 1
            }
            if selected {
                screen.restyle(row: row, column: rect.column, width: rect.width, role: input.focused ? .selection : .marked)
                screen.put(marked ? "●▶" : " ▶", row: row, column: rect.column, width: gutter, role: .selection)
            }
        }
    }
}
