import Yams

/// Parses YAML so that repeated mapping keys can be reported like any other problem.
///
/// Yams refuses a mapping with a repeated key and names only the first occurrence. To point at every
/// repeat and still check the rest of the file, the first occurrence is renamed in the text to a
/// placeholder of private-use characters (same length, so every column stays put) and the text is parsed
/// again. The reader maps placeholders back to their names.
struct DuplicateKeys {
    struct Renamed {
        var name: String
        var line: Int
        var column: Int
    }

    /// Placeholder text -> the key it stands for.
    private(set) var renamed: [String: Renamed] = [:]

    /// The root node, with repeated keys renamed; throws the YAML error when the text is not YAML, or when a
    /// repeated key cannot be renamed safely (then the error names its first occurrence).
    mutating func compose(_ yaml: String, resolver: Resolver = .default) throws -> Node? {
        var text = yaml
        while true {
            do {
                return try Yams.compose(yaml: text, resolver)
            } catch YamlError.duplicatedKeysInMapping(let names, let context) {
                // Private use area: 6,400 distinct placeholders, one per renamed key.
                guard let name = names.first, renamed.count < 6_400,
                      let scalar = Unicode.Scalar(0xE000 + renamed.count),
                      let edited = Self.rename(name, atLine: context.mark.line, column: context.mark.column, in: text, to: scalar)
                else { throw YamlError.duplicatedKeysInMapping(duplicates: names, context: context) }
                let placeholder = String(String.UnicodeScalarView(repeatElement(scalar, count: name.unicodeScalars.count)))
                renamed[placeholder] = Renamed(name: name, line: context.mark.line, column: context.mark.column)
                text = edited
            }
        }
    }

    /// `text` with the key `name` written at line/column (plain or quoted, no escapes) replaced by `scalar`s.
    static func rename(_ name: String, atLine line: Int, column: Int, in text: String, to scalar: Unicode.Scalar) -> String? {
        var scalars = Array(text.unicodeScalars)
        var i = 0, l = 1
        while l < line, i < scalars.count {
            if scalars[i] == "\n" { l += 1 }
            i += 1
        }
        i += column - 1
        guard l == line, i < scalars.count else { return nil }
        if scalars[i] == "'" || scalars[i] == "\"" { i += 1 }
        let key = Array(name.unicodeScalars)
        guard !key.isEmpty, i + key.count <= scalars.count, Array(scalars[i..<(i + key.count)]) == key else { return nil }
        scalars.replaceSubrange(i..<(i + key.count), with: repeatElement(scalar, count: key.count))
        return String(String.UnicodeScalarView(scalars))
    }
}
