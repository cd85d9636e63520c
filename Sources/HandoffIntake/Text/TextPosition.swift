/// A place in an input file: 1-based line and column, the column counted in Unicode scalars like the
/// rulebook's diagnostics, so editors jump to the same spot.
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TextPosition, b: TextPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }

    /// "12:5"
    public var description: String { "\(line):\(column)" }

    /// The position `offset` bytes into `bytes`, which begin at `start`. Line breaks are LF, CRLF and a
    /// lone CR; UTF-8 continuation bytes do not count as columns. Only worked out when a message needs it.
    /// `crEndsLine`: whether a CR alone ends a line, as it does in CSV; in JSON Lines only LF does (a
    /// CR inside a line is JSON whitespace), so a position there stays on the line its reader counted.
    static func of(offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: TextPosition, crEndsLine: Bool = true) -> TextPosition {
        var line = start.line, column = start.column
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == ASCII.lf {
                line += 1; column = 1
            } else if b == ASCII.cr, crEndsLine {
                if i + 1 < bytes.count, bytes[i + 1] == ASCII.lf { i += 1 }
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return TextPosition(line: line, column: column)
    }
}

/// Byte values the readers test against.
enum ASCII {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")
}
