import HandoffCore

/// A mapping file's column assignments, which take precedence over header recognition.
///
///     columns:
///       "E-mail Address": email
///       "Employees (approx.)": employees
///       "Segment": attributes.segment
public struct ColumnMapping: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The header text as written in the mapping file.
        public var header: String
        public var target: ColumnTarget
        /// Where the entry is in the mapping file, for warnings about headers the input lacks.
        public var position: TextPosition

        public init(header: String, target: ColumnTarget, position: TextPosition = TextPosition(line: 1, column: 1)) {
            self.header = header
            self.target = target
            self.position = position
        }
    }

    /// The mapping file's name, for diagnostics.
    public var file: String
    public var entries: [Entry]

    public init(file: String = "mapping", entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// Reads a mapping file: every problem at once, each with line, column and what would be right.
    public static func load(yaml: String, file: String) -> ColumnMappingLoad {
        ColumnMappingReader(file: file).read(yaml)
    }
}

/// The outcome of reading a mapping file.
public struct ColumnMappingLoad: Sendable {
    /// Nil when there is any error.
    public var mapping: ColumnMapping?
    /// Errors in file order.
    public var diagnostics: [Diagnostic]

    public init(mapping: ColumnMapping?, diagnostics: [Diagnostic]) {
        self.mapping = mapping
        self.diagnostics = diagnostics
    }
}
