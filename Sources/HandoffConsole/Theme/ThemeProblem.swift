/// One mistake in a theme or config file, pointing at the offending text.
public struct ThemeProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file name as the caller gave it.
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based.
    public var column: Int
    /// Where in the file's structure, e.g. "roles.state.flagged.fg"; empty for YAML syntax errors.
    public var key: String
    /// What is wrong and what would be right.
    public var message: String

    public init(file: String, line: Int, column: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// Compiler style, so editors can jump to it: `Themes/x.yaml:12:7: roles.header.fg: ...`.
    public var description: String {
        key.isEmpty ? "\(file):\(line):\(column): \(message)" : "\(file):\(line):\(column): \(key): \(message)"
    }
}

/// The outcome of reading a theme: the theme when the file has no problems, and the problems.
public struct ThemeLoad: Sendable {
    /// Nil when there is any problem: a half-read theme is never shown.
    public var theme: Theme?
    /// In file order.
    public var problems: [ThemeProblem]

    public init(theme: Theme?, problems: [ThemeProblem]) {
        self.theme = theme
        self.problems = problems
    }
}
