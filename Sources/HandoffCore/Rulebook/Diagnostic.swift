/// One problem found in a rulebook file, pointing at the offending text.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// The file name as the caller gave it.
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in Unicode scalars.
    public var column: Int
    /// What is wrong and what would be right.
    public var message: String

    public init(severity: Severity, file: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Compiler style, so editors can jump to it: `rulebook.yaml:23:5: error: unknown key 'pol'`.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// The outcome of loading a rulebook: the rulebook when it is valid, and everything worth telling.
public struct RulebookLoad: Sendable {
    /// Nil when there is any error.
    public var rulebook: Rulebook?
    /// Errors and lint warnings, in file order.
    public var diagnostics: [Diagnostic]

    public init(rulebook: Rulebook?, diagnostics: [Diagnostic]) {
        self.rulebook = rulebook
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
