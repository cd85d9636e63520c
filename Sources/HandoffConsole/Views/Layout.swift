/// Where each part of the console goes for a terminal size. Pure, so the reducer can keep the cursor
/// in view with the same numbers the views draw with.
public struct Layout: Sendable, Hashable {
    /// Below this the console shows a "terminal too small" notice instead of a broken screen.
    public static let minimumColumns = 60
    public static let minimumRows = 14

    public var tooSmall: Bool
    public var header: Rect
    public var tabs: Rect
    /// The table, heading row included.
    public var table: Rect
    /// The detail pane, beside the table when wide, over it when asked for on a narrow terminal.
    public var detail: Rect?
    public var status: Rect
    public var hints: Rect
    /// A summary above the table and detail pane (the Simulation view's figures), when the view has one.
    public var band: Rect?

    /// Lines of the Simulation view's summary band.
    public static let simulationBand = 3

    public init(rows: Int, columns: Int, detail: Bool, wide: Bool, band: Int = 0) {
        tooSmall = rows < Self.minimumRows || columns < Self.minimumColumns
        header = Rect(row: 0, column: 0, height: 2, width: columns)
        tabs = Rect(row: 2, column: 0, height: 1, width: columns)
        self.band = band > 0 ? Rect(row: 3, column: 0, height: band, width: columns) : nil
        let top = 3 + band
        let mainHeight = max(rows - 5 - band, 0)
        status = Rect(row: rows - 2, column: 0, height: 1, width: columns)
        hints = Rect(row: rows - 1, column: 0, height: 1, width: columns)
        if detail && wide {
            let detailWidth = max(columns * 2 / 5, 60)
            table = Rect(row: top, column: 0, height: mainHeight, width: columns - detailWidth)
            self.detail = Rect(row: top, column: columns - detailWidth, height: mainHeight, width: detailWidth)
        } else if detail {
            table = Rect(row: top, column: 0, height: mainHeight, width: columns)
            self.detail = table
        } else {
            table = Rect(row: top, column: 0, height: mainHeight, width: columns)
            self.detail = nil
        }
    }

    public init(_ state: ConsoleState) {
        self.init(rows: state.rows, columns: state.columns, detail: state.detailShown, wide: state.wideLayout,
                  band: state.tab == .simulation ? Self.simulationBand : 0)
    }

    /// Rows of data the table shows at once.
    public var tableBodyRows: Int { max(table.height - 1, 1) }
}
