import Foundation

/// A test on a lead, as written in a route's `when:`. A mapping of fields is an implicit `all`.
public indirect enum Condition: Sendable, Hashable {
    case always
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case field(LeadField, FieldTest)
}

/// A test on one field's value.
public indirect enum FieldTest: Sendable, Hashable {
    /// Text compares case-insensitively; numbers and flags by value.
    case equals(Scalar)
    case oneOf([Scalar])
    case compare(Comparison, Double)
    /// Inclusive at both ends.
    case between(Double, Double)
    case matches(Pattern)
    case exists(Bool)
    case not(FieldTest)
}

/// A literal in a condition. Text is kept folded (lower case) for comparison, with the original for display.
public enum Scalar: Sendable, Hashable, CustomStringConvertible {
    case text(folded: String, original: String)
    case number(Double)
    case flag(Bool)

    public static func text(_ s: String) -> Scalar { .text(folded: s.lowercased(), original: s) }

    public var description: String {
        switch self {
        case .text(_, let original): original
        case .number(let n): NumberText.plain(n)
        case .flag(let b): b ? "true" : "false"
        }
    }
}

public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case lessThan = "<", lessOrEqual = "<=", greaterThan = ">", greaterOrEqual = ">=", equal = "=", notEqual = "!="

    @inline(__always)
    public func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .lessThan: a < b
        case .lessOrEqual: a <= b
        case .greaterThan: a > b
        case .greaterOrEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        }
    }
}

/// A compiled regular expression, compared by its source.
///
/// A match is bounded whatever the pattern: it reads at most the first `textLimit` UTF-16 units of a
/// value, and gives up after `stepLimit` progress reports of the engine (ICU reports every ~10,000
/// backtracking steps; a step count, unlike a clock, decides the same way on every machine). A match
/// given up counts as no match. The rulebook loader refuses the patterns that get there (`PatternRisk`).
public struct Pattern: Sendable, Hashable {
    public let source: String
    let regex: NSRegularExpression

    /// Longest text a pattern is matched against, in UTF-16 units; longer values are matched on their start.
    public static let textLimit = 1_000
    /// Progress reports (of about 10,000 engine steps each) before a match is given up: about 25 ms.
    static let stepLimit = 20

    /// Throws the regex engine's message when `source` does not compile.
    public init(_ source: String) throws {
        self.source = source
        regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
    }

    public func matches(_ text: String) -> Bool {
        var found = false
        var reports = 0
        let length = min(text.utf16.count, Self.textLimit)
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) { match, _, stop in
            if match != nil {
                found = true
                stop.pointee = true
            } else {
                reports += 1
                if reports >= Self.stepLimit { stop.pointee = true }
            }
        }
        return found
    }

    public static func == (a: Pattern, b: Pattern) -> Bool { a.source == b.source }
    public func hash(into h: inout Hasher) { h.combine(source) }
}
