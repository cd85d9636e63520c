import Foundation

/// Converts instants to wall-clock time in one IANA time zone, fast.
///
/// Foundation's calendar arithmetic costs microseconds a call; the router asks for the local time of
/// every candidate owner on every decision. So the zone's offset transitions are read once (1970-2100)
/// and each lookup is a binary search plus integer arithmetic.
public struct ZoneClock: Sendable, Hashable {
    public let identifier: String
    /// Instants (seconds since 1970) at which the offset changes; `offsets[i]` holds from `starts[i]`.
    private let starts: [Double]
    private let offsets: [Int]

    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = zone.identifier == "GMT" && identifier == "UTC" ? "UTC" : identifier
        var starts: [Double] = [-.infinity]
        var offsets: [Int] = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))]
        var cursor = Date(timeIntervalSince1970: 0)
        let horizon = Date(timeIntervalSince1970: 4_102_444_800) // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < horizon, next > cursor {
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets.last {
                starts.append(next.timeIntervalSince1970)
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    public static let utc = ZoneClock(identifier: "UTC")!

    /// Seconds east of UTC at `instant`.
    @inline(__always)
    public func offset(at instant: Date) -> Int {
        let t = instant.timeIntervalSince1970
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return offsets[lo]
    }

    /// Wall-clock time at `instant`.
    public func local(_ instant: Date) -> LocalTime {
        LocalTime(secondsSinceEpoch: Int(instant.timeIntervalSince1970.rounded(.down)) + offset(at: instant))
    }

    /// The instant at which this zone's wall clock reads `local` (the earlier one when clocks go back,
    /// the first valid minute after the gap when they go forward).
    public func instant(of local: LocalTime) -> Date {
        let guess = Double(local.secondsSinceEpoch - offset(at: Date(timeIntervalSince1970: Double(local.secondsSinceEpoch))))
        let corrected = Double(local.secondsSinceEpoch - offset(at: Date(timeIntervalSince1970: guess)))
        return Date(timeIntervalSince1970: corrected)
    }
}

/// A wall-clock reading, as seconds since 1970-01-01 00:00 on that wall clock.
public struct LocalTime: Sendable, Hashable, Comparable {
    public var secondsSinceEpoch: Int

    public init(secondsSinceEpoch: Int) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Midnight of a calendar date (proleptic Gregorian).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        secondsSinceEpoch = LocalTime.daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public var daysSinceEpoch: Int { secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400 }
    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }
    public var minuteOfDay: Int { (secondsSinceEpoch - daysSinceEpoch * 86_400) / 60 }
    /// Minutes since Monday 00:00 of this week.
    public var minuteOfWeek: Int { weekday * 1_440 + minuteOfDay }

    public var date: (year: Int, month: Int, day: Int) { LocalTime.civil(fromDays: daysSinceEpoch) }

    /// "03:10"
    public var clockText: String {
        let m = minuteOfDay
        return String(format: "%02d:%02d", m / 60, m % 60)
    }

    /// "2027-01-04"
    public var dateText: String {
        let d = date
        return String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
    }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    // Howard Hinnant's civil-date algorithms: exact for every Gregorian date.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
