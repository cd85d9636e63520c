import Foundation

/// A person who can own leads.
public struct Owner: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var email: String?
    /// The owner's own time zone; working hours are read on this clock.
    public var zone: ZoneClock
    public var hours: WeeklyHours
    /// Most open (assigned, not yet accepted) leads at once; nil means no limit.
    public var capacity: Int?
    /// Share of a `weighted` pool's leads, relative to the other members.
    public var weight: Int
    public var active: Bool
    public var outOfOffice: [Absence]
    /// Public or team holidays from the rulebook's calendars, and the owner's own days off.
    public var holidays: [Holiday]
    /// Set at run time by an operator; nil while the owner takes leads.
    public var pause: OwnerPause?
    /// The owner's user id in each CRM, for writing the owner of a lead back to it.
    public var crm: [CRM: String] = [:]

    /// The largest weight and capacity a rulebook may give. The owner picker compares shares by
    /// cross-multiplying weights, capacities and lead counts in 64 bits; with these ranges a pool of
    /// 10,000 members overflows only after one member received about 90 million leads.
    public static let maximumWeight = 10_000
    public static let maximumCapacity = 100_000

    public init(
        id: String, name: String, email: String? = nil, zone: ZoneClock = .utc, hours: WeeklyHours = .always,
        capacity: Int? = nil, weight: Int = 1, active: Bool = true, outOfOffice: [Absence] = [],
        holidays: [Holiday] = [], pause: OwnerPause? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.zone = zone
        self.hours = hours
        self.capacity = capacity
        self.weight = weight
        self.active = active
        self.outOfOffice = outOfOffice
        self.holidays = holidays
        self.pause = pause
    }

    /// Whether the owner can take a lead at `instant`, ignoring load; the first reason they cannot.
    @inline(__always)
    public func availability(at instant: Date) -> Availability {
        if !active { return .inactive }
        if let pause { return .paused(text: pause.text) }
        for absence in outOfOffice where absence.contains(instant) {
            return .outOfOffice(until: absence.lastDay)
        }
        for holiday in holidays where holiday.span.contains(instant) {
            return .holiday(name: holiday.name, day: zone.local(instant).dateText)
        }
        let local = zone.local(instant)
        if !hours.contains(minuteOfWeek: local.minuteOfWeek) {
            return .offHours(local: local.clockText, zone: zone.identifier)
        }
        return .available
    }
}

/// A stretch of time an owner is away. `lastDay` is the last local date away, as people say it
/// ("out of office until 2027-01-04").
public struct Absence: Sendable, Hashable {
    public var start: Date
    /// Exclusive end.
    public var end: Date
    public var lastDay: String

    public init(start: Date, end: Date, lastDay: String) {
        self.start = start
        self.end = end
        self.lastDay = lastDay
    }

    /// Whole local days, `from` through `until` inclusive, on the owner's clock.
    public init(from: LocalTime, through until: LocalTime, zone: ZoneClock) {
        start = zone.instant(of: LocalTime(secondsSinceEpoch: from.daysSinceEpoch * 86_400))
        end = zone.instant(of: LocalTime(secondsSinceEpoch: (until.daysSinceEpoch + 1) * 86_400))
        lastDay = until.dateText
    }

    @inline(__always)
    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }
}

extension Owner {
    /// Every stretch of time off that stops the SLA clock: out-of-office windows and holidays.
    public var timeOff: [Absence] { holidays.isEmpty ? outOfOffice : outOfOffice + holidays.map(\.span) }
}

/// Why an owner can or cannot take a lead right now, before load is considered.
public enum Availability: Sendable, Hashable {
    case available
    case inactive
    case outOfOffice(until: String)
    /// A holiday of one of the owner's calendars: its name and the local date.
    case holiday(name: String, day: String)
    /// Paused by an operator: who and why, as text.
    case paused(text: String)
    case offHours(local: String, zone: String)
}
