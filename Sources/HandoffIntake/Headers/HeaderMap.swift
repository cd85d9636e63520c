import HandoffCore

/// Where each column of a file goes, worked out once from the header row, plus what the import summary
/// reports about it.
///
/// A mapping file's entries decide first; other headers are recognised by their spelling in Handoff's
/// own names, HubSpot's or Salesforce's exports (case, spaces and punctuation ignored). Everything
/// else goes into `attributes` under its header text, so no column is dropped.
public struct HeaderMap: Sendable, Hashable {
    /// The header texts as read.
    public let headers: [String]
    /// One per header.
    public let targets: [ColumnTarget]
    public let dialect: HeaderDialect
    /// Columns that named a field an earlier column had already claimed; their values go to attributes.
    public let repeatedFields: [RepeatedField]
    /// Mapping entries for headers the file does not have.
    public let mappingWarnings: [Diagnostic]
    /// Column index per field, for the fields some column fills.
    private let columnOfField: [LeadColumn: Int]

    public struct RepeatedField: Sendable, Hashable {
        public var header: String
        public var field: LeadColumn
        /// The header of the column that fills the field.
        public var filledBy: String
    }

    public init(headers: [String], mapping: ColumnMapping? = nil) {
        self.headers = headers
        let trimmed = headers.map(HeaderKey.trimmed)
        var chosen = [ColumnTarget?](repeating: nil, count: headers.count)
        var warnings: [Diagnostic] = []
        // Mapping entries: exact header text first, then the loose key.
        for entry in mapping?.entries ?? [] {
            let wanted = HeaderKey.trimmed(entry.header)
            let index = trimmed.indices.first { chosen[$0] == nil && trimmed[$0] == wanted }
                ?? trimmed.indices.first { chosen[$0] == nil && HeaderKey.loose(trimmed[$0]) == HeaderKey.loose(wanted) }
            guard let index else {
                warnings.append(Diagnostic(severity: .warning, file: mapping?.file ?? "mapping", line: entry.position.line,
                                           column: entry.position.column, message: "no column '\(entry.header)' in the input; the entry is unused"))
                continue
            }
            chosen[index] = entry.target
        }
        var tally = DialectTally()
        var claimed: [LeadColumn: Int] = [:]
        var repeated: [RepeatedField] = []
        for (index, target) in chosen.enumerated() {
            if case .field(let column) = target { claimed[column] = index }
        }
        var attributeKeys = Set<String>()
        var targets: [ColumnTarget] = []
        targets.reserveCapacity(headers.count)
        for (index, header) in trimmed.enumerated() {
            if let target = chosen[index] {
                if case .attribute(let key) = target { attributeKeys.insert(key) }
                targets.append(target)
                continue
            }
            let recognition = HeaderRecognition.of(header)
            tally.add(recognition.formats)
            if let column = recognition.column {
                if let first = claimed[column] {
                    repeated.append(RepeatedField(header: header, field: column, filledBy: trimmed[first]))
                } else {
                    claimed[column] = index
                    targets.append(.field(column))
                    continue
                }
            }
            targets.append(.attribute(Self.attributeKey(header, index: index, taken: &attributeKeys)))
        }
        self.targets = targets
        dialect = tally.dialect
        repeatedFields = repeated
        mappingWarnings = warnings
        columnOfField = claimed
    }

    /// The header text; "column 3" for an empty header; "Notes (column 7)" for a repeated one.
    private static func attributeKey(_ header: String, index: Int, taken: inout Set<String>) -> String {
        var key = header.isEmpty ? "column \(index + 1)" : header
        if taken.contains(key) { key = "\(key) (column \(index + 1))" }
        taken.insert(key)
        return key
    }

    public var count: Int { headers.count }

    /// The column that fills `field`, if any.
    public func column(of field: LeadColumn) -> Int? { columnOfField[field] }

    /// Headers whose values go to attributes, in file order.
    public var attributeColumns: [String] {
        zip(headers, targets).compactMap { header, target in
            if case .attribute = target { return HeaderKey.trimmed(header) }
            return nil
        }
    }

    /// Whether any column fills a lead field; a file with none is almost surely the wrong file.
    public var recognisesAnyField: Bool { !columnOfField.isEmpty }
}
