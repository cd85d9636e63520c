import HandoffCore
import Yams

/// Reads a theme from YAML text: every problem in the file at once, with its line, column and key.
public enum ThemeLoader {
    public static let topKeys = ["name", "palette", "roles"]
    public static let roleKeys = ["fg", "bg", "attrs"]

    /// Pure: text in, result out. `file` is the name problems give; a theme without `name:` is called
    /// after it ("Themes/solar.yaml" -> "solar").
    public static func load(yaml: String, file: String) -> ThemeLoad {
        var reader = ThemeReader(log: ProblemLog(file: file))
        let (root, readable) = ThemeYAML.compose(yaml, log: &reader.log)
        guard readable else { return ThemeLoad(theme: nil, problems: reader.log.sorted) }
        guard let root else {
            reader.log.add("the file is empty; a theme needs 'roles:', e.g. roles: {selection: {attrs: [reverse]}}", key: "", line: 1, column: 1)
            return ThemeLoad(theme: nil, problems: reader.log.sorted)
        }
        let theme = reader.read(root, defaultName: baseName(file))
        let problems = reader.log.sorted
        return ThemeLoad(theme: problems.isEmpty ? theme : nil, problems: problems)
    }

    /// "Themes/solar.yaml" -> "solar".
    static func baseName(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.hasSuffix(".yaml") ? String(last.dropLast(5)) : last
    }
}

/// One pass over a theme's nodes; problems go to `log`.
private struct ThemeReader {
    var log: ProblemLog
    var palette: [String: ThemeColor] = [:]
    private static let themeable = Set(StyleRole.themeable.map(\.rawValue))

    mutating func read(_ root: Node, defaultName: String) -> Theme {
        var name = defaultName
        var roles: [StyleRole: RoleStyle] = [:]
        guard let top = ThemeYAML.entries(root, key: "", example: "name: dusk, palette: {...}, roles: {...}", log: &log) else {
            return Theme(name: name, roles: [:])
        }
        let byName = Dictionary(top.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in top where !ThemeLoader.topKeys.contains(entry.name) {
            unknown(entry.name, key: entry.name, at: entry.keyNode, allowed: ThemeLoader.topKeys, what: "key")
        }
        if let n = byName["name"], let text = ThemeYAML.text(n.value, key: "name", log: &log) { name = text }
        // The palette first: roles may name its colors wherever they appear in the file.
        if let p = byName["palette"], !ThemeYAML.isNull(p.value) { readPalette(p.value) }
        if let r = byName["roles"], !ThemeYAML.isNull(r.value) { roles = readRoles(r.value) }
        return Theme(name: name, roles: roles)
    }

    private mutating func readPalette(_ node: Node) {
        guard let entries = ThemeYAML.entries(node, key: "palette", example: "{accent: \"#88c0d0\"}", log: &log) else { return }
        for (name, keyNode, value) in entries {
            let key = ThemeYAML.path("palette", name)
            if name.lowercased() == ColorText.terminalDefaultName {
                log.add("\"default\" means the terminal's own color and cannot be redefined; choose another name", key: key, at: keyNode)
                continue
            }
            guard let text = colorText(value, key: key) else { continue }
            if let color = ColorText.literal(text) {
                palette[name] = color
            } else {
                log.add("\"\(text)\" is not a color; a palette entry is written as #RRGGBB, 0-255 or a basic name (red, bright-blue, ...)", key: key, at: value)
            }
        }
    }

    private mutating func readRoles(_ node: Node) -> [StyleRole: RoleStyle] {
        guard let entries = ThemeYAML.entries(node, key: "roles", example: "{selection: {attrs: [reverse]}}", log: &log) else { return [:] }
        var roles: [StyleRole: RoleStyle] = [:]
        for (name, keyNode, value) in entries {
            let key = ThemeYAML.path("roles", name)
            guard Self.themeable.contains(name) else {
                unknown(name, key: key, at: keyNode, allowed: StyleRole.themeable.map(\.rawValue), what: "role", listAll: false)
                continue
            }
            if ThemeYAML.isNull(value) {
                log.add("has no style; write e.g. {fg: accent, attrs: [bold]} (an unquoted # starts a comment: quote hex colors)", key: key, at: value)
                continue
            }
            if let style = readRole(value, key: key) { roles[StyleRole(name)] = style }
        }
        return roles
    }

    private mutating func readRole(_ node: Node, key: String) -> RoleStyle? {
        guard let entries = ThemeYAML.entries(node, key: key, example: "{fg: accent, bg: default, attrs: [bold]}", log: &log) else { return nil }
        var style = RoleStyle()
        for (name, keyNode, value) in entries {
            let fieldKey = ThemeYAML.path(key, name)
            switch name {
            case "fg": style.foreground = color(value, key: fieldKey)
            case "bg": style.background = color(value, key: fieldKey)
            case "attrs": style.attributes = attributes(value, key: fieldKey)
            default: unknown(name, key: fieldKey, at: keyNode, allowed: ThemeLoader.roleKeys, what: "key")
            }
        }
        return style
    }

    /// A palette name or a written-out color.
    private mutating func color(_ node: Node, key: String) -> ThemeColor? {
        guard let text = colorText(node, key: key) else { return nil }
        if let named = palette[text] { return named }
        if let literal = ColorText.literal(text) { return literal }
        let names = palette.keys.sorted() + ColorText.allBasicNames
        if !text.hasPrefix("#"), let close = Suggestion.closest(to: text, in: names) {
            log.add("\"\(text)\" is not a color or a palette name; did you mean \"\(close)\"?", key: key, at: node)
        } else {
            log.add("\"\(text)\" is not a color; \(ColorText.expected)", key: key, at: node)
        }
        return nil
    }

    /// The color's text; an empty value is most often a hex color whose `#` YAML took for a comment.
    private mutating func colorText(_ node: Node, key: String) -> String? {
        if ThemeYAML.isNull(node) {
            log.add("has no color; quote hex colors (\"#88c0d0\"): an unquoted # starts a comment", key: key, at: node)
            return nil
        }
        return ThemeYAML.text(node, key: key, log: &log)
    }

    /// `[bold, underline]`, or one name on its own.
    private mutating func attributes(_ node: Node, key: String) -> TextAttributes? {
        let items: [Node]
        switch node {
        case .sequence(let list): items = Array(list)
        case .scalar where ThemeYAML.isNull(node): items = []
        case .scalar: items = [node]
        default:
            log.add("must be a list of attributes, e.g. [bold, underline]; found \(ThemeYAML.shape(node))", key: key, at: node)
            return nil
        }
        let names = ColorText.attributeNames.map(\.name)
        var result: TextAttributes = []
        for item in items {
            guard let text = ThemeYAML.text(item, key: key, log: &log) else { continue }
            if let found = ColorText.attributeNames.first(where: { $0.name == text.lowercased() }) {
                result.insert(found.value)
            } else {
                let hint = Suggestion.closest(to: text, in: names).map { "did you mean \"\($0)\"?" } ?? "use " + names.joined(separator: ", ")
                log.add("\"\(text)\" is not an attribute; \(hint)", key: key, at: item)
            }
        }
        return result
    }

    private mutating func unknown(_ name: String, key: String, at node: Node, allowed: [String], what: String, listAll: Bool = true) {
        var message = "unknown \(what) \"\(name)\""
        if let close = Suggestion.closest(to: name, in: allowed) {
            message += "; did you mean \"\(close)\"?"
        } else if listAll {
            message += "; use " + allowed.joined(separator: ", ")
        } else {
            message += "; docs/THEMES.md lists every \(what)"
        }
        log.add(message, key: key, at: node)
    }
}
