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
    /// A value holding a NUL character (U+0000).
    case nulCharacter(column: String)
    /// A second record with an external id already given earlier in the file, with other values.
    case conflictingRepeat(externalId: String, firstLine: Int)
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
            "'\(Self.excerpt(column))' is not valid UTF-8; save the file as UTF-8"
        case .unterminatedQuote(let column):
            "the quote that opens '\(Self.excerpt(column))' never closes; this line was set aside and reading went on with the next"
        case .textAfterClosingQuote(let column):
            "text after the closing quote in '\(Self.excerpt(column))'; quote the whole value and write a quote inside it as \"\""
        case .recordTooLong(let limit):
            "the line is longer than \(limit) bytes; only the first \(limit) were kept"
        case .notANumber(let column, let field, let value):
            "'\(Self.excerpt(value))' in '\(Self.excerpt(column))' is not a number (\(field.name)); write e.g. 1200, 1,200, 1.2k or $4.5M"
        case .notADate(let column, let value):
            "'\(Self.excerpt(value))' in '\(Self.excerpt(column))' is not a date; write e.g. 2026-11-24T14:03:00Z, 2026-11-24 14:03 or 11/24/2026 2:03 PM"
        case .nulCharacter(let column):
            "'\(Self.excerpt(column))' holds a NUL character (\\0), which lead text never does; the file may be binary or "
                + "saved in UTF-16: save it as UTF-8 text"
        case .conflictingRepeat(let id, let firstLine):
            "external id '\(Self.excerpt(id))' was already given on line \(firstLine) with different values, and that record "
                + "was kept; merge the two lines into one (or give this one its own id) and import it again"
        case .noValues:
            "the record has no values"
        case .invalidJSON(let reason):
            "not a JSON object: \(Self.excerpt(reason, limit: 200))"
        case .repeatedKey(let key):
            "'\(Self.excerpt(key))' appears twice in the object; each key may appear once"
        case .missingValue(let column, let field):
            "no \(field): '\(Self.excerpt(column))' is empty"
        case .notADomain(let column, let value):
            "'\(Self.excerpt(value))' in '\(Self.excerpt(column))' is not a domain; write e.g. acme.com or https://www.acme.com"
        }
    }
}

extension QuarantineReason {
    /// At most `limit` characters of a value quoted in a message, with how much more there was: a
    /// 500 KB value is kept whole in the quarantine (`raw`), never echoed whole in a summary.
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        var end = text.startIndex
        var count = 0
        while end < text.endIndex, count < limit {
            text.formIndex(after: &end)
            count += 1
        }
        guard end < text.endIndex else { return text }
        let rest = text.utf8.distance(from: end, to: text.endIndex)
        return String(text[..<end]) + "… (\(rest) more bytes)"
    }
}
