import Yams

/// A 1-based line and column in the rulebook file.
struct Spot: Hashable, Sendable, Comparable {
    var line: Int
    var column: Int

    static let start = Spot(line: 1, column: 1)

    static func < (a: Spot, b: Spot) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// What the reader needs to know about a YAML node beyond its value.
extension Node {
    /// Yams marks are 1-based already (libyaml's 0-based mark plus one).
    var spot: Spot { mark.map { Spot(line: $0.line, column: $0.column) } ?? .start }

    /// The scalar's text, whatever its resolved type; nil for mappings and lists.
    var scalarText: String? { scalar?.string }

    func hasTag(_ name: Tag.Name) -> Bool { tag == Tag(name) }

    /// `key:` with nothing after it, `~` or `null`. Worked out from the text as YAML's null rule says
    /// instead of by resolving the tag, which runs a regular expression per rule: keys and values are
    /// asked this for every entry, and a test file has hundreds of thousands.
    var isNull: Bool {
        guard case .scalar(let s) = self else { return false }
        let name = s.tag.description
        if name.isEmpty { return s.style == .plain && Self.nullWords.contains(s.string) }
        return name == Tag.Name.null.rawValue
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// For messages: "a mapping", "a list", "'text'", "nothing".
    var shapeText: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let s): isNull ? "nothing" : "'\(s.string)'"
        }
    }
}
