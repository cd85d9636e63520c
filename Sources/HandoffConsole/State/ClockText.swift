import Foundation
import HandoffCore

/// Times and durations as the console shows them, on the operator's clock.
public enum ClockText {
    /// "14:32:05".
    public static func time(_ instant: Date, _ zone: ZoneClock) -> String {
        let local = zone.local(instant)
        let seconds = ((local.secondsSinceEpoch % 60) + 60) % 60
        return local.clockText + ":" + (seconds < 10 ? "0" : "") + String(seconds)
    }

    /// "Tue 14:32:05".
    /// The clock's zone as people write it at that moment: "UTC", "CET", "GMT-3".
    public static func zoneName(_ instant: Date, _ zone: ZoneClock) -> String {
        if zone.identifier == "UTC" || zone.identifier == "GMT" { return "UTC" }
        return TimeZone(identifier: zone.identifier)?.abbreviation(for: instant) ?? zone.identifier
    }

    public static func dayAndTime(_ instant: Date, _ zone: ZoneClock) -> String {
        LocalTime.weekdayNames[zone.local(instant).weekday] + " " + time(instant, zone)
    }

    /// A short age: "42s", "7m", "3h", "2d".
    public static func age(_ seconds: TimeInterval) -> String {
        let s = Int(max(seconds, 0))
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3_600)h" }
        return "\(s / 86_400)d"
    }

    /// Time left before a deadline: "12m", "45s", or "-3m" once it has passed.
    public static func left(_ seconds: TimeInterval) -> String {
        seconds < 0 ? "-" + age(-seconds) : age(seconds)
    }
}
