import HandoffCore
import Yams

/// Collects problems while a theme or config file is read, so every one is reported at once.
struct ProblemLog {
    let file: String
    private(set) var problems: [ThemeProblem] = []

    init(file: String) { self.file = file }

    mutating func add(_ message: String, key: String, at node: Node?) {
        let mark = node?.mark
        add(message, key: key, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func add(_ message: String, key: String, line: Int, column: Int) {
        problems.append(ThemeProblem(file: file, line: max(1, line), column: max(1, column), key: key, message: message))
    }

    /// In file order; problems at one spot keep the order they were found in.
    var sorted: [ThemeProblem] {
        problems.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}

/// Reading YAML nodes with positions, shared by the theme and config readers.
enum ThemeYAML {
    /// The document's root, nil for an empty file; a syntax error becomes a problem at its position.
    static func compose(_ yaml: String, log: inout ProblemLog) -> (root: Node?, readable: Bool) {
        do {
            let root = try Yams.compose(yaml: yaml)
            if let root, let over = YAMLBudget.check(root) {
                log.add(over.message, key: "", line: over.line, column: over.column)
                return (nil, false)
            }
            return (root, true)
        } catch let error as YamlError {
            let (message, line, column) = describe(error)
            log.add(message, key: "", line: line, column: column)
        } catch {
            log.add("cannot read the file as YAML: \(error)", key: "", line: 1, column: 1)
        }
        return (nil, false)
    }

    /// The parser's own words; Yams marks are 1-based.
    private static func describe(_ error: YamlError) -> (String, Int, Int) {
        switch error {
        case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _), .composer(let c, let problem, let mark, _):
            let context = c.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            return ("invalid YAML: \(problem)\(context)", mark.line, mark.column)
        case .duplicatedKeysInMapping(let names, let c):
            return ("\"\(names.first ?? "")\" is given twice in one mapping; keep one", c.mark.line, c.mark.column)
        case .reader(let problem, _, _, _):
            return ("cannot read the text: \(problem)", 1, 1)
        default:
            return ("invalid YAML: \(error)", 1, 1)
        }
    }

    /// A mapping's entries in file order with plain text keys; anything else is a problem at `key`.
    static func entries(_ node: Node, key: String, example: String, log: inout ProblemLog) -> [(name: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            log.add("must be a mapping, e.g. \(example); found \(shape(node))", key: key, at: node)
            return nil
        }
        var out: [(name: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string, !isNull(keyNode) else {
                log.add("keys must be plain names; found \(shape(keyNode))", key: key, at: keyNode)
                continue
            }
            out.append((name, keyNode, value))
        }
        return out.sorted { position($0.keyNode) < position($1.keyNode) }
    }

    /// A scalar's text, or a problem when the value is missing or not a single value.
    static func text(_ node: Node, key: String, log: inout ProblemLog) -> String? {
        guard let s = node.scalar?.string, !isNull(node) else {
            log.add("must be a single value; found \(shape(node))", key: key, at: node)
            return nil
        }
        return s
    }

    /// `key:` with nothing after it, `~` or `null` (and what an unquoted `#` leaves behind).
    static func isNull(_ node: Node) -> Bool { node.scalar != nil && node.tag == Tag(.null) }

    /// For messages: "a mapping", "a list", "\"text\"", "nothing".
    static func shape(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let s): isNull(node) ? "nothing" : "\"\(s.string)\""
        }
    }

    static func position(_ node: Node) -> (Int, Int) { (node.mark?.line ?? 0, node.mark?.column ?? 0) }

    /// "roles" + "header" -> "roles.header".
    static func path(_ parent: String, _ child: String) -> String { parent.isEmpty ? child : parent + "." + child }
}
