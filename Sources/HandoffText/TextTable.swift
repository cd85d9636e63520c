/// Columns aligned for a fixed-width terminal, with long values cut short rather than wrapped.
///
/// Widths are counted in Characters, which is right for the Latin text the tables hold; colour is
/// applied after padding so escape sequences never disturb alignment.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Longer values end in "…" at this width.
        public var maxWidth: Int?
        /// Padded to at least this width, so tables printed in parts (a followed log) line up.
        public var minWidth: Int

        public init(_ title: String, _ alignment: Alignment = .left, maxWidth: Int? = nil, minWidth: Int = 0) {
            self.title = title
            self.alignment = alignment
            self.maxWidth = maxWidth
            self.minWidth = minWidth
        }
    }

    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var colour: TextStyle.Colour?

        public init(_ text: String, _ colour: TextStyle.Colour? = nil) {
            self.text = text
            self.colour = colour
        }

        public init(stringLiteral value: String) { self.init(value) }
    }

    public var columns: [Column]
    public var gap = "  "

    public init(_ columns: [Column]) { self.columns = columns }

    /// The header line, then one line per row; no line ends in spaces.
    public func render(_ rows: [[Cell]], style: TextStyle = .plain) -> [String] {
        let header = columns.map { Cell($0.title) }
        let cut = ([header] + rows).map { row in
            columns.indices.map { i in
                let cell = i < row.count ? row[i] : Cell("")
                // Cells hold data: a control character in one is shown escaped, never obeyed.
                return Cell(Self.truncate(TerminalText.safe(cell.text), to: columns[i].maxWidth), cell.colour)
            }
        }
        let widths = columns.indices.map { i in max(cut.map { $0[i].text.count }.max() ?? 0, columns[i].minWidth) }
        return cut.enumerated().map { index, row in
            var line = ""
            for i in columns.indices {
                let cell = row[i]
                let padding = String(repeating: " ", count: widths[i] - cell.text.count)
                let isLast = i == columns.count - 1
                let colour = index == 0 ? (style.enabled ? .bold : nil) : cell.colour
                let painted = style.paint(cell.text, colour)
                switch columns[i].alignment {
                case .left: line += painted + (isLast ? "" : padding)
                case .right: line += padding + painted
                }
                if !isLast { line += gap }
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    static func truncate(_ text: String, to width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return String(text.prefix(max(width - 1, 0))) + "…"
    }
}
