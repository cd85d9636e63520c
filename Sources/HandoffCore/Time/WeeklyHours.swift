import Foundation

/// The minutes of a week someone works, on their own wall clock, as a bitmap (one bit a minute).
///
/// Parsed from text such as `"Mon-Fri 09:00-18:00"`, `"Mon-Thu 09:00-17:00, Fri 09:00-13:00"`,
/// `"Sat,Sun 10:00-14:00"`, `"Mon-Fri 22:00-06:00"` (an overnight shift runs into the next day),
/// `"always"` or `"24/7"`. A lookup is one shift and one mask.
public struct WeeklyHours: Sendable, Hashable {
    public static let minutesPerWeek = 7 * 1_440
    private var words: [UInt64]
    /// The text it was parsed from, for display.
    public let text: String

    public static let always = WeeklyHours(text: "always", allMinutes: true)

    init(text: String, allMinutes: Bool) {
        self.text = text
        words = Array(repeating: allMinutes ? ~0 : 0, count: (WeeklyHours.minutesPerWeek + 63) / 64)
    }

    @inline(__always)
    public func contains(minuteOfWeek m: Int) -> Bool {
        words[m >> 6] & (1 << UInt64(m & 63)) != 0
    }

    private mutating func set(_ m: Int) {
        let m = m % WeeklyHours.minutesPerWeek
        words[m >> 6] |= 1 << UInt64(m & 63)
    }

    /// Minutes worked in a week.
    public var minutesPerWeek: Int {
        // Counted by words; the last word's bits past the week's end do not count.
        var total = 0
        for (i, word) in words.enumerated() {
            let valid = min(WeeklyHours.minutesPerWeek - i * 64, 64)
            total += (valid == 64 ? word : word & ((1 << UInt64(valid)) - 1)).nonzeroBitCount
        }
        return total
    }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Offset of the offending part within the text, counted in characters.
        public var offset: Int
        public var message: String
        public var description: String { message }
    }

    /// Parses working hours; errors say which part is wrong and show the right shape.
    public init(parsing text: String) throws(ParseError) {
        self.init(text: text, allMinutes: false)
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "always" || trimmed == "24/7" {
            self = .always
            return
        }
        var offset = 0
        var pendingDays: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { offset += part.count + 1 }
            try parseClause(String(part), at: offset, pendingDays: &pendingDays)
        }
        if !pendingDays.isEmpty {
            throw ParseError(offset: text.count, message: "days without a time range at the end of \"\(text)\"; write e.g. \"Mon-Fri 09:00-17:00\"")
        }
        if words.allSatisfy({ $0 == 0 }) {
            throw ParseError(offset: 0, message: "no working time in \"\(text)\"; write e.g. \"Mon-Fri 09:00-17:00\"")
        }
    }

    // Days named in a clause without a range ("Sat," in "Sat,Sun 10:00-14:00") wait for the next range.
    private mutating func parseClause(_ clause: String, at offset: Int, pendingDays: inout [Int]) throws(ParseError) {
        let tokens = clause.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let shape = "write e.g. \"Mon-Fri 09:00-17:00\""
        guard !tokens.isEmpty else {
            throw ParseError(offset: offset, message: "empty part in working hours; \(shape)")
        }
        var days = pendingDays
        var ranges: [(Int, Int)] = []
        for token in tokens {
            if let first = token.first, first.isNumber {
                ranges.append(try WeeklyHours.parseRange(token, at: offset))
            } else {
                days.append(contentsOf: try WeeklyHours.parseDays(token, at: offset))
            }
        }
        if ranges.isEmpty {
            pendingDays = days
            return
        }
        pendingDays = []
        if days.isEmpty { days = Array(0..<7) }
        for day in days {
            for (start, end) in ranges {
                let base = day * 1_440
                let stop = end > start ? end : end + 1_440 // overnight shift spills into the next day
                for m in (base + start)..<(base + stop) { set(m) }
            }
        }
    }

    static func parseDays(_ token: String, at offset: Int) throws(ParseError) -> [Int] {
        func day(_ s: Substring) throws(ParseError) -> Int {
            let key = s.prefix(3).lowercased()
            guard let i = LocalTime.weekdayNames.firstIndex(where: { $0.lowercased() == key }), s.count >= 3 else {
                throw ParseError(offset: offset, message: "unknown day \"\(s)\"; use Mon, Tue, Wed, Thu, Fri, Sat or Sun")
            }
            return i
        }
        let ends = token.split(separator: "-", omittingEmptySubsequences: false)
        switch ends.count {
        case 1:
            return [try day(ends[0])]
        case 2:
            let a = try day(ends[0]), b = try day(ends[1])
            return a <= b ? Array(a...b) : Array(a...6) + Array(0...b)
        default:
            throw ParseError(offset: offset, message: "bad day range \"\(token)\"; write e.g. \"Mon-Fri\"")
        }
    }

    static func parseRange(_ token: String, at offset: Int) throws(ParseError) -> (Int, Int) {
        let ends = token.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else {
            throw ParseError(offset: offset, message: "bad time range \"\(token)\"; write e.g. \"09:00-17:30\"")
        }
        let start = try parseClock(ends[0], in: token, at: offset)
        let end = try parseClock(ends[1], in: token, at: offset)
        guard start != end else {
            throw ParseError(offset: offset, message: "time range \"\(token)\" is empty; the end must differ from the start")
        }
        return (start, end == 1_440 ? 1_440 : end)
    }

    static func parseClock(_ s: Substring, in token: String, at offset: Int) throws(ParseError) -> Int {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
              (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0 else {
            throw ParseError(offset: offset, message: "bad time \"\(s)\" in \"\(token)\"; use 24-hour HH:MM from 00:00 to 24:00")
        }
        return h * 60 + m
    }
}
