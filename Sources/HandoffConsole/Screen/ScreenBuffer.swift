/// One cell of the screen: a character (with its combining marks) and the role that styles it.
public struct Cell: Hashable, Sendable {
    /// The character drawn here; for the right half of a wide character, `continuation` is set instead.
    public var character: Character
    public var role: StyleRole
    public var continuation: Bool

    public init(_ character: Character = " ", role: StyleRole = .plain, continuation: Bool = false) {
        self.character = character
        self.role = role
        self.continuation = continuation
    }
}

/// The whole screen as plain values: the views draw into it, the terminal layer copies it to ncurses,
/// and golden tests read it back as text. Nothing here touches a terminal.
public struct ScreenBuffer: Sendable, Equatable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (a text input's caret), or nil to hide it.
    public var cursor: (row: Int, column: Int)?

    public init(rows: Int, columns: Int) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        cells = Array(repeating: Cell(), count: self.rows * self.columns)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.cells == b.cells
            && a.cursor?.row == b.cursor?.row && a.cursor?.column == b.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    /// Paints `width` cells from (`row`, `column`) with spaces in `role`.
    public mutating func fill(row: Int, column: Int = 0, width: Int? = nil, role: StyleRole) {
        guard row >= 0, row < rows else { return }
        let start = max(column, 0)
        let end = min(columns, column + (width ?? columns - column))
        guard start < end else { return }
        let blank = Cell(" ", role: role)
        for c in start..<end { cells[row * columns + c] = blank }
    }

    /// Fills a rectangle.
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        for r in rect.row..<(rect.row + rect.height) { fill(row: r, column: rect.column, width: rect.width, role: role) }
    }

    /// Writes `text` at (`row`, `column`), at most `width` columns (default: to the right edge),
    /// truncated with "…" if it does not fit. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int? = nil, role: StyleRole) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let limit = min(width ?? (columns - column), columns - column)
        guard limit > 0 else { return 0 }
        var c = column
        let text = TextWidth.columns(text) > limit ? TextWidth.truncated(text, to: limit) : text
        let base = row * columns
        // Never leave half of a wide character behind at either edge of what is overwritten.
        if cells[base + column].continuation, column > 0 { cells[base + column - 1] = Cell(" ", role: cells[base + column - 1].role) }
        defer {
            if c < columns, cells[base + c].continuation { cells[base + c] = Cell(" ", role: cells[base + c].role) }
        }
        for character in text {
            let w = TextWidth.columns(character)
            if w == 0 {
                // Control characters never reach the terminal; combining marks already sit in their Character.
                continue
            }
            if c + w > column + limit { break }
            cells[base + c] = Cell(character, role: role)
            if w == 2 { cells[base + c + 1] = Cell(" ", role: role, continuation: true) }
            c += w
        }
        return c - column
    }

    /// Restyles cells without changing their text (selection bars, marks).
    public mutating func restyle(row: Int, column: Int = 0, width: Int? = nil, role: StyleRole) {
        guard row >= 0, row < rows else { return }
        let end = min(columns, column + (width ?? columns - column))
        guard column < end else { return }
        for c in max(column, 0)..<end { cells[row * columns + c].role = role }
    }

    /// A row as text, wide characters once, trailing spaces kept (golden files compare whole rows).
    public func text(row: Int) -> String {
        var line = ""
        line.reserveCapacity(columns)
        for c in 0..<columns where !cells[row * columns + c].continuation { line.append(cells[row * columns + c].character) }
        return line
    }

    /// The screen as lines of text with trailing spaces removed.
    public var lines: [String] {
        (0..<rows).map { r in
            var line = text(row: r)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Runs of one role across a row: what the terminal layer draws in one call.
    public func runs(row: Int) -> [(column: Int, role: StyleRole, text: String)] {
        var result: [(column: Int, role: StyleRole, text: String)] = []
        var c = 0
        while c < columns {
            let role = cells[row * columns + c].role
            let start = c
            var text = ""
            while c < columns, cells[row * columns + c].role == role {
                let cell = cells[row * columns + c]
                if !cell.continuation { text.append(cell.character) }
                c += 1
            }
            result.append((start, role, text))
        }
        return result
    }
}

/// A rectangle of the screen in cells.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int

    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row
        self.column = column
        self.height = max(height, 0)
        self.width = max(width, 0)
    }

    public var bottom: Int { row + height }
    public var right: Int { column + width }

    public func contains(row r: Int, column c: Int) -> Bool { r >= row && r < bottom && c >= column && c < right }
}
