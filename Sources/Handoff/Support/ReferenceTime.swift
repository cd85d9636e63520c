import ArgumentParser
import HandoffText

import struct Foundation.Date

/// The instant a command treats as "now": --now, else HANDOFF_NOW, else the command's own default.
enum ReferenceTime {
    static func resolve(_ option: String?, environment: [String: String], default fallback: @autoclosure () -> Date) throws -> Date {
        try given(option, environment: environment) ?? fallback()
    }

    /// --now, else HANDOFF_NOW, else nil; a time that cannot be read is a usage error naming its origin.
    static func given(_ option: String?, environment: [String: String]) throws -> Date? {
        let (text, origin): (String?, String) = option != nil
            ? (option, "--now")
            : (environment["HANDOFF_NOW"].flatMap { $0.isEmpty ? nil : $0 }, "HANDOFF_NOW")
        guard let text else { return nil }
        guard let date = InstantText.parse(text) else {
            throw ValidationError("\(origin) '\(text)' is not an ISO 8601 time; write it like 2026-11-24T14:30:00Z.")
        }
        return date
    }
}
