import HandoffCore
import Yams

/// Turns mapping-file YAML into a `ColumnMapping`, collecting positioned diagnostics.
struct ColumnMappingReader {
    let file: String
    private var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Names a mapping value may use, for did-you-mean.
    static let fieldNames: [String] = LeadColumn.allCases.map(\.name) + LeadColumn.aliases.keys.sorted() + ["attributes"]

    consuming func read(_ yaml: String) -> ColumnMappingLoad {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                error("the mapping file is empty; write 'columns:' and one 'Header: field' line per column", at: TextPosition(line: 1, column: 1))
                return ColumnMappingLoad(mapping: nil, diagnostics: diagnostics)
            }
            if let over = YAMLBudget.check(node) {
                error(over.message, at: TextPosition(line: over.line, column: over.column))
                return ColumnMappingLoad(mapping: nil, diagnostics: diagnostics)
            }
            root = node
        } catch let failure as YamlError {
            let (message, position) = Self.describe(failure)
            error(message, at: position)
            return ColumnMappingLoad(mapping: nil, diagnostics: diagnostics)
        } catch {
            self.error("cannot read the file as YAML: \(error)", at: TextPosition(line: 1, column: 1))
            return ColumnMappingLoad(mapping: nil, diagnostics: diagnostics)
        }
        let entries = readRoot(root)
        let ordered = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return ColumnMappingLoad(mapping: ordered.isEmpty ? ColumnMapping(file: file, entries: entries) : nil, diagnostics: ordered)
    }

    private mutating func readRoot(_ root: Node) -> [ColumnMapping.Entry] {
        guard let top = root.mapping else {
            error("the mapping file must be a mapping with one key, 'columns'", at: root.position)
            return []
        }
        var columns: Node?
        for (key, value) in top {
            let name = key.scalar?.string ?? ""
            if name == "columns" {
                columns = value
            } else {
                let hint = Suggestion.closest(to: name, in: ["columns"]).map { "; did you mean '\($0)'?" } ?? "; the only key is 'columns'"
                error("unknown key '\(name)'\(hint)", at: key.position)
            }
        }
        guard let columns else {
            error("missing 'columns': a mapping of header text to field name", at: root.position)
            return []
        }
        guard let pairs = columns.mapping else {
            if !(columns.scalar.map { $0.string.isEmpty || columns.tag == Tag(.null) } ?? false) {
                error("'columns' must be a mapping of header text to field name", at: columns.position)
            }
            return []
        }
        var entries: [ColumnMapping.Entry] = []
        var claimed: [LeadColumn: String] = [:]
        for (key, value) in pairs {
            guard let header = key.scalar?.string, !header.isEmpty else {
                error("a column key must be the header text, e.g. \"Email Address\"", at: key.position)
                continue
            }
            guard let target = readTarget(value, header: header) else { continue }
            if case .field(let column) = target {
                if let first = claimed[column] {
                    error("'\(header)' and '\(first)' both map to \(column.name); map one of them to attributes", at: value.position)
                    continue
                }
                claimed[column] = header
            }
            entries.append(ColumnMapping.Entry(header: header, target: target, position: key.position))
        }
        return entries
    }

    private mutating func readTarget(_ node: Node, header: String) -> ColumnTarget? {
        guard let scalar = node.scalar, node.tag != Tag(.null), !scalar.string.isEmpty else {
            error("'\(header)' needs a field name, e.g. email, employees or attributes.segment", at: node.position)
            return nil
        }
        let name = scalar.string
        if name == "attributes" { return .attribute(HeaderKey.trimmed(header)) }
        if name.hasPrefix("attributes.") {
            let key = String(name.dropFirst("attributes.".count))
            guard !key.isEmpty else {
                error("'attributes.' needs a name after the dot, e.g. attributes.segment", at: node.position)
                return nil
            }
            return .attribute(key)
        }
        if let column = LeadColumn(name: name) { return .field(column) }
        error("unknown field '\(name)'\(Self.hint(for: name))", at: node.position)
        return nil
    }

    /// A typo's nearest name; else, when the text is a CRM spelling of a field, that field; else the list.
    static func hint(for name: String) -> String {
        if let near = Suggestion.closest(to: name, in: fieldNames) { return "; did you mean '\(near)'?" }
        if let column = HeaderVocabulary.loose[HeaderKey.loose(name)] ?? nil { return "; did you mean '\(column.name)'?" }
        return "; use one of: " + LeadColumn.allCases.map(\.name).joined(separator: ", ") + ", or attributes.NAME"
    }

    private mutating func error(_ message: String, at position: TextPosition) {
        diagnostics.append(Diagnostic(severity: .error, file: file, line: position.line, column: position.column, message: message))
    }

    /// The parser's own words and position; Yams marks are 1-based.
    static func describe(_ error: YamlError) -> (String, TextPosition) {
        func position(_ mark: Mark) -> TextPosition { TextPosition(line: max(1, mark.line), column: max(1, mark.column)) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let around = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return ("invalid YAML: \(problem)\(around)", position(mark))
        case .duplicatedKeysInMapping(let names, let context):
            return ("'\(names.first ?? "")' appears twice; each header may be mapped once", position(context.mark))
        default:
            return ("invalid YAML: \(error)", TextPosition(line: 1, column: 1))
        }
    }
}

extension Node {
    /// Yams marks are 1-based already.
    var position: TextPosition { mark.map { TextPosition(line: $0.line, column: $0.column) } ?? TextPosition(line: 1, column: 1) }
}
