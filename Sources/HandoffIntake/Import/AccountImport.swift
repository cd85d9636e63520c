import HandoffCore

/// A whole accounts CSV file, record by record: accounts, or quarantined records.
public struct AccountImport<Source: ByteSource> {
    private var reader: CSVReader<Source>
    public let parser: AccountRecordParser
    public private(set) var accepted = 0
    public private(set) var quarantined = 0

    /// Reads the header row; throws when the source fails, the file is empty or it has no domain column.
    public init(_ source: Source, readOptions: ReadOptions = ReadOptions()) throws(IntakeError) {
        reader = CSVReader(source, options: readOptions)
        guard let header = try reader.next() else {
            throw IntakeError(file: source.name, line: 1, column: 1, message: "the file is empty; the first line must be the column headers")
        }
        if let problem = header.structuralProblem(file: source.name, headers: header.strings) {
            throw IntakeError(file: source.name, line: problem.line, column: problem.column, message: "the header row: " + problem.message)
        }
        do {
            parser = try AccountRecordParser(headers: header.strings, file: source.name)
        } catch {
            throw IntakeError(file: error.file, line: header.line, column: 1, message: error.message)
        }
    }

    public mutating func next() throws(IntakeError) -> IntakeResult<Account>? {
        guard let record = try reader.next() else { return nil }
        let result = parser.parse(record)
        if case .accepted = result { accepted += 1 } else { quarantined += 1 }
        return result
    }
}

extension AccountImport: Sendable where Source: Sendable {}
