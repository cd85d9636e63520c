/// A calendar date written as YYYY-MM-DD, checked (no 2026-02-30).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Years a date read from input or the command line may have. Earlier ones would print differently
    /// (Foundation's calendar switches to Julian dates before 1582); none is a lead's, an absence's or a
    /// clock's date, so they are refused rather than shifted.
    public static let supportedYears = 1900...9999

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1,
              Self.supportedYears.contains(y) else { return nil }
        let start = LocalTime(year: y, month: m, day: d)
        guard start.date == (y, m, d) else { return nil }
        year = y
        month = m
        day = d
    }

    /// Midnight at the start of the day, on any wall clock.
    public var start: LocalTime { LocalTime(year: year, month: month, day: day) }

    public var description: String { start.dateText }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.start < b.start }
}
