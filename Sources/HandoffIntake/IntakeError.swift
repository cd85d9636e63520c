/// A problem that stops an import as a whole: the file cannot be opened or read, or its header is
/// unusable. Problems with single records are never errors; those records are quarantined.
public struct IntakeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it.
    public var file: String
    /// 1-based line and column (Unicode scalars) when the problem has a place in the file.
    public var line: Int?
    public var column: Int?
    /// What is wrong and what would be right.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Compiler style, like rulebook diagnostics: `leads.csv:1:14: error: ...`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column)" }
        return "\(place): error: \(message)"
    }
}
