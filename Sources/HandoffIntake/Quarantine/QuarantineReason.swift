/// Why a record was quarantined. Column names are the input's header texts (or JSON keys).
public enum QuarantineReason: Sendable, Hashable {
    /// Too few columns, or extra columns with values in them.
    case columnCount(expected: Int, found: Int)
    case invalidUTF8(column: String)
    /// A quote opened a field and never closed; only the record's first line is set aside.
    case unterminatedQuote(column: String)
    case textAfterClosingQuote(column: String)
    /// A single line longer than the limit; the part past the limit is not kept.
    case recordTooLong(limit: Int)
    /// A value in employees, annual_revenue or score that `NumberText` cannot read.
    case notANumber(column: String, field: LeadColumn, value: String)
    /// A value in received_at (or its CRM spelling) that is no date format Handoff reads.
    case notADate(column: String, value: String)
    /// Every value empty.
    case noValues
    /// A JSON Lines line that is not one JSON object; the parser's reason.
    case invalidJSON(String)
    /// The same key twice in one JSON object.
    case repeatedKey(String)
    /// A required value is missing (accounts: the domain).
    case missingValue(column: String, field: String)
    /// An account domain that is not a domain.
    case notADomain(column: String, value: String)

    public var message: String {
        switch self {
        case .columnCount(let expected, let found):
            "expected \(expected) columns, found \(found)"
        case .invalidUTF8(let column):
            "'\(column)' is not valid UTF-8; save the file as UTF-8"
        case .unterminatedQuote(let column):
            "the quote that opens '\(column)' never closes; this line was set aside and reading went on with the next"
        case .textAfterClosingQuote(let column):
            "text after the closing quote in '\(column)'; quote the whole value and write a quote inside it as \"\""
        case .recordTooLong(let limit):
            "the line is longer than \(limit) bytes; only the first \(limit) were kept"
        case .notANumber(let column, let field, let value):
            "'\(value)' in '\(column)' is not a number (\(field.name)); write e.g. 1200, 1,200, 1.2k or $4.5M"
        case .notADate(let column, let value):
            "'\(value)' in '\(column)' is not a date; write e.g. 2026-11-24T14:03:00Z, 2026-11-24 14:03 or 11/24/2026 2:03 PM"
        case .noValues:
            "the record has no values"
        case .invalidJSON(let reason):
            "not a JSON object: \(reason)"
        case .repeatedKey(let key):
            "'\(key)' appears twice in the object; each key may appear once"
        case .missingValue(let column, let field):
            "no \(field): '\(column)' is empty"
        case .notADomain(let column, let value):
            "'\(value)' in '\(column)' is not a domain; write e.g. acme.com or https://www.acme.com"
        }
    }
}
