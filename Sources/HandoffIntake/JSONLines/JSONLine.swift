/// One line of a JSON Lines file: its members when it is one flat-enough JSON object, else the problem.
public struct JSONLine: Sendable, Hashable {
    /// 1-based.
    public let line: Int
    /// The line's bytes as in the file, without the line ending.
    public let raw: [UInt8]
    /// The object's members in file order; empty when there is a problem.
    public let members: [JSONMember]
    public let problem: JSONProblem?

    /// The place of a byte offset within the line.
    public func position(atOffset offset: Int) -> TextPosition {
        raw.withUnsafeBufferPointer { TextPosition.of(offset: offset, in: $0, from: TextPosition(line: line, column: 1), crEndsLine: false) }
    }
}

/// One `"key": value` of a line's object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValueText
    /// Byte offset of the value within the line.
    public var offset: Int
    /// Byte offset of the key (its opening quote) within the line.
    public var keyOffset: Int
}

/// A member's value as text, the way a `Lead` keeps values.
public enum JSONValueText: Sendable, Hashable {
    case string(String)
    /// The number exactly as written: "1200", "4.5e6".
    case number(String)
    case bool(Bool)
    case null
    /// An object or array, as its JSON text.
    case nested(String)
}

/// Why a line is not a JSON object, in the parser's words, and where.
public struct JSONProblem: Error, Sendable, Hashable {
    public var message: String
    /// Byte offset within the line.
    public var offset: Int
    /// Set when the line outgrew this many bytes; the quarantined text is cut there.
    public var lengthLimit: Int?

    public init(message: String, offset: Int, lengthLimit: Int? = nil) {
        self.message = message
        self.offset = offset
        self.lengthLimit = lengthLimit
    }
}
