import Foundation

/// Instants as people and scripts write them: ISO 8601, always read and written with an explicit zone.
public enum InstantText {
    /// Reads `2026-11-24T14:30:00Z`, `2026-11-24T15:30:00+01:00`, fractional seconds, or a bare date
    /// (`2026-11-24`, midnight UTC). Nil for anything else, so callers can say what was wrong.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        // The formatter ignores whatever follows a time it can read, so the whole shape is checked first.
        let shapes: [ISO8601DateFormatter.Options]
        if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
            shapes = [[.withFullDate]]
        } else if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/) != nil {
            shapes = [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]]
        } else {
            return nil
        }
        // A formatter is not Sendable; parsing happens once per command, so a fresh one is cheap enough.
        let formatter = ISO8601DateFormatter()
        for options in shapes {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `2026-11-24T14:30:00Z`: UTC, whole seconds, so output does not depend on the machine's zone.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
