import HandoffCore

/// A whole lead file, record by record: reads the header (CSV), recognises the columns, and yields each
/// record as an accepted lead or a quarantined record. What the store and the desk call.
///
///     var leads = try LeadImport(FileByteSource(path: "leads.csv"), format: .csv, options: options)
///     while let result = try leads.next() { ... }
///     print(leads.summary)
public struct LeadImport<Source: ByteSource> {
    public let format: InputFormat
    // Kept as separate optionals, not an enum with payloads: taking a reader out of an enum to advance
    // it would share, and so copy, its chunk buffer on every record.
    private var csvReader: CSVReader<Source>?
    private var csvParser: LeadRecordParser?
    private var jsonReader: JSONLinesReader<Source>?
    private var jsonParser: JSONLeadParser?
    private var counts = (accepted: 0, quarantined: 0)
    private var repeatedIds = RepeatedIds()
    private let fileName: String
    private let mappingWarnings: [Diagnostic]

    /// Opens the import; for CSV, reads and checks the header row.
    /// Throws when the source fails, or a CSV file has no header or no column that is a lead field.
    public init(_ source: Source, format: InputFormat, mapping: ColumnMapping? = nil, options: LeadParseOptions,
                readOptions: ReadOptions = ReadOptions()) throws(IntakeError) {
        self.format = format
        fileName = source.name
        switch format {
        case .csv:
            var reader = CSVReader(source, options: readOptions)
            let header = try Self.header(&reader, mapping: mapping)
            csvReader = reader
            csvParser = LeadRecordParser(header: header, file: source.name, options: options)
            mappingWarnings = header.mappingWarnings
        case .jsonLines:
            jsonReader = JSONLinesReader(source, options: readOptions)
            jsonParser = JSONLeadParser(file: source.name, mapping: mapping, options: options)
            mappingWarnings = []
        }
    }

    /// The next record's outcome, or nil at the end of the input.
    public mutating func next() throws(IntakeError) -> IntakeResult<ImportedLead>? {
        var result: IntakeResult<ImportedLead>
        // The record's bytes, kept (one reference) in case it turns out to repeat an id.
        let raw: [UInt8]
        if csvReader != nil {
            guard let record = try csvReader!.next() else { return nil }
            result = csvParser!.parse(record)
            raw = record.raw
        } else {
            guard let line = try jsonReader!.next() else { return nil }
            result = jsonParser!.parse(line)
            raw = line.raw
        }
        if case .accepted(let imported) = result, let firstLine = repeatedIds.conflict(imported, raw: raw) {
            let id = String(imported.key.value.dropFirst(3))
            result = .quarantined(QuarantinedInput(file: fileName, line: imported.line, column: 1, recordLine: imported.line, field: nil,
                                                   reason: .conflictingRepeat(externalId: id, firstLine: firstLine), raw: raw))
        }
        if case .accepted = result { counts.accepted += 1 } else { counts.quarantined += 1 }
        return result
    }

    /// The source being read (for progress: a counting source knows how far it has got).
    public var source: Source? { csvReader?.source ?? jsonReader?.source }

    /// How the columns were understood and the counts so far.
    public var summary: ImportSummary {
        var summary: ImportSummary
        if let csvParser {
            let header = csvParser.header
            summary = ImportSummary(file: fileName, format: format, dialect: header.dialect,
                                    columns: zip(header.headers, header.targets).map { ColumnUse(header: HeaderKey.trimmed($0), target: $1) },
                                    repeatedFields: header.repeatedFields, mappingWarnings: mappingWarnings)
        } else {
            let parser = jsonParser!
            summary = ImportSummary(file: fileName, format: format, dialect: parser.dialect, columns: parser.columns,
                                    repeatedFields: parser.repeatedFields, mappingWarnings: parser.mappingWarnings)
        }
        summary.accepted = counts.accepted
        summary.quarantined = counts.quarantined
        return summary
    }

    private static func header(_ reader: inout CSVReader<Source>, mapping: ColumnMapping?) throws(IntakeError) -> HeaderMap {
        guard let record = try reader.next() else {
            throw IntakeError(file: reader.name, line: 1, column: 1, message: "the file is empty; the first line must be the column headers")
        }
        if let problem = record.structuralProblem(file: reader.name, headers: record.strings) {
            throw IntakeError(file: reader.name, line: problem.line, column: problem.column, message: "the header row: " + problem.message)
        }
        let header = HeaderMap(headers: record.strings, mapping: mapping)
        guard header.recognisesAnyField else {
            let shown = header.headers.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
            throw IntakeError(file: reader.name, line: record.line, column: 1, message:
                "no column is a lead field (headers: \(shown)\(header.count > 8 ? ", …" : "")); name columns like email, company, country, or pass a mapping file")
        }
        return header
    }
}

extension LeadImport: Sendable where Source: Sendable {}
