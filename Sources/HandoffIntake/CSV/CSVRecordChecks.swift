/// The checks every CSV record gets before its values are read, for leads and accounts alike.
extension CSVRecord {
    /// A quarantine for a problem the reader found, or for a column count that does not match the
    /// header; nil when the record is sound. Extra columns that are all empty pass (some exporters end
    /// every row with a comma).
    func structuralProblem(file: String, headers: [String]) -> QuarantinedInput? {
        func name(_ index: Int) -> String {
            index < headers.count ? HeaderKey.trimmed(headers[index]) : "column \(index + 1)"
        }
        if let problem {
            switch problem {
            case .invalidUTF8(let field):
                return quarantine(file, at: position(ofField: field), field: name(field), .invalidUTF8(column: name(field)))
            case .unterminatedQuote(let field):
                return quarantine(file, at: position(ofField: field), field: name(field), .unterminatedQuote(column: name(field)))
            case .textAfterClosingQuote(let field, let offset):
                return quarantine(file, at: position(atOffset: offset), field: name(field), .textAfterClosingQuote(column: name(field)))
            case .tooLong(let limit):
                return quarantine(file, at: TextPosition(line: line, column: 1), field: nil, .recordTooLong(limit: limit))
            }
        }
        if count < headers.count {
            return quarantine(file, at: endPosition, field: nil, .columnCount(expected: headers.count, found: count))
        }
        if count > headers.count, let extra = (headers.count..<count).first(where: { !isEmpty(at: $0) }) {
            return quarantine(file, at: position(ofField: extra), field: nil, .columnCount(expected: headers.count, found: count))
        }
        return nil
    }

    func quarantine(_ file: String, at position: TextPosition, field: String?, _ reason: QuarantineReason) -> QuarantinedInput {
        QuarantinedInput(file: file, line: position.line, column: position.column, recordLine: line, field: field, reason: reason, raw: raw)
    }
}
