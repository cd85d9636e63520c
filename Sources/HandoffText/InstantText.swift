import Foundation
import HandoffCore

/// Instants as people and scripts write them: ISO 8601, always read and written with an explicit zone.
public enum InstantText {
    /// Reads `2026-11-24T14:30:00Z`, `2026-11-24T15:30:00+01:00`, fractional seconds, or a bare date
    /// (`2026-11-24`, midnight UTC). Nil for anything else, so callers can say what was wrong: an
    /// impossible date (2026-02-30), time (25:00) or offset (+15:00), or a year outside
    /// `CalendarDay.supportedYears`, is refused rather than rolled over to another instant.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
            return CalendarDay(text).map { Date(timeIntervalSince1970: Double($0.start.secondsSinceEpoch)) }
        }
        guard let m = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))/),
              let day = CalendarDay(String(m.1)), let hour = Int(m.2), let minute = Int(m.3), let second = Int(m.4),
              hour < 24, minute < 60, second < 60 else { return nil }
        var offset = 0
        if let sign = m.7, let h = m.8.flatMap({ Int($0) }), let mm = m.9.flatMap({ Int($0) }) {
            guard mm < 60 else { return nil }
            offset = (h * 3_600 + mm * 60) * (sign == "-" ? -1 : 1)
            // Real offsets run from -12:00 to +14:00.
            guard (-12 * 3_600)...(14 * 3_600) ~= offset else { return nil }
        }
        let fraction = m.5.flatMap { Double("0" + $0) } ?? 0
        let seconds = day.start.secondsSinceEpoch + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2026-11-24T14:30:00Z`: UTC, whole seconds, so output does not depend on the machine's zone.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
