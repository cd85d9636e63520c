import Foundation

/// A day an owner does not work because of a public or team holiday, on the owner's own clock.
/// Calendars are written once in the rulebook (`holidays:`) and named by owners, so a team shares them.
public struct Holiday: Sendable, Hashable {
    /// The local days it covers: midnight of the first through midnight after the last, on the owner's clock.
    public var span: Absence
    /// What people call it ("Christmas Day"), else the calendar's name.
    public var name: String

    public init(span: Absence, name: String) {
        self.span = span
        self.name = name
    }

    /// Whole local days `first` through `last`, on `zone`.
    public init(first: LocalTime, last: LocalTime, name: String, zone: ZoneClock) {
        span = Absence(from: first, through: last, zone: zone)
        self.name = name
    }
}

/// An owner taken out of routing for now by an operator ("lunch", "in a workshop"), until resumed.
public struct OwnerPause: Sendable, Hashable, Codable {
    public var reason: String
    public var by: String
    public var since: Date

    public init(reason: String, by: String, since: Date) {
        self.reason = reason
        self.by = by
        self.since = since
    }

    /// "paused by lena: lunch", or "paused by lena" when no reason was given.
    public var text: String { reason.isEmpty ? "paused by \(by)" : "paused by \(by): \(reason)" }
}
