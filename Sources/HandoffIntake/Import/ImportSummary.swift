import HandoffCore

/// What an import did, for the summary shown after it: how the columns were understood and how many
/// records went each way.
public struct ImportSummary: Sendable, Hashable {
    public var file: String
    public var format: InputFormat
    public var dialect: HeaderDialect
    /// Every column (CSV) or key (JSON Lines, in first-seen order) and where its values went.
    public var columns: [ColumnUse]
    /// Columns that named a field another column already filled; their values went to attributes.
    public var repeatedFields: [HeaderMap.RepeatedField]
    /// Mapping entries the input had no column for.
    public var mappingWarnings: [Diagnostic]
    public var accepted = 0
    public var quarantined = 0

    public init(file: String, format: InputFormat, dialect: HeaderDialect, columns: [ColumnUse],
                repeatedFields: [HeaderMap.RepeatedField] = [], mappingWarnings: [Diagnostic] = []) {
        self.file = file
        self.format = format
        self.dialect = dialect
        self.columns = columns
        self.repeatedFields = repeatedFields
        self.mappingWarnings = mappingWarnings
    }

    /// Columns whose values went to attributes, in order.
    public var attributeColumns: [String] {
        columns.compactMap { if case .attribute = $0.target { $0.header } else { nil } }
    }

    /// Records read: accepted plus quarantined.
    public var records: Int { accepted + quarantined }
}

/// One input column and where its values go.
public struct ColumnUse: Sendable, Hashable {
    public var header: String
    public var target: ColumnTarget

    public init(header: String, target: ColumnTarget) {
        self.header = header
        self.target = target
    }
}

/// The input formats an import reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    case csv
    case jsonLines = "jsonl"

    /// From a file name's extension: .csv and .txt are CSV; .jsonl, .ndjson and .json are JSON Lines.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "csv", "txt": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonLines
        default: return nil
        }
    }
}
