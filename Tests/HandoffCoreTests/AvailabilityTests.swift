import Foundation
import Testing
@testable import HandoffCore

@Suite struct AvailabilityTests {
    @Test func zoneClockAgreesWithFoundationAcrossYears() {
        var rng = SplitMix(seed: 3)
        for id in ["Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"] {
            let clock = ZoneClock(identifier: id)!
            let zone = TimeZone(identifier: id)!
            for _ in 0..<500 {
                let t = Date(timeIntervalSince1970: Double(Int.random(in: 0..<4_000_000_000, using: &rng)))
                #expect(clock.offset(at: t) == zone.secondsFromGMT(for: t), "\(id) at \(t)")
            }
        }
        #expect(ZoneClock(identifier: "Mars/Olympus") == nil)
    }

    @Test func localTimeArithmetic() {
        let t = LocalTime(year: 2026, month: 11, day: 24, hour: 15, minute: 7)
        #expect(t.weekday == 1) // Tuesday
        #expect(t.clockText == "15:07")
        #expect(t.dateText == "2026-11-24")
        #expect(LocalTime(year: 2000, month: 2, day: 29).dateText == "2000-02-29")
        #expect(LocalTime(year: 1969, month: 12, day: 31, hour: 23).weekday == 2)
    }

    @Test func workingHoursFollowTheOwnersClockThroughDaylightSaving() {
        let dan = Owner(id: "dan", name: "Dan", zone: Fixtures.newYork, hours: Fixtures.hours("Mon-Fri 09:00-17:00"))
        // New York moves to EDT on Sunday 2026-03-08. 13:30 UTC is 08:30 EST on Friday, 09:30 EDT on Monday.
        #expect(dan.availability(at: Fixtures.utc(2026, 3, 6, 13, 30)) == .offHours(local: "08:30", zone: "America/New_York"))
        #expect(dan.availability(at: Fixtures.utc(2026, 3, 9, 13, 30)) == .available)
        // Back to EST on 2026-11-01: 21:30 UTC is 17:30 EDT on Friday (off), 16:30 EST on Monday (on).
        #expect(dan.availability(at: Fixtures.utc(2026, 10, 30, 21, 30)) == .offHours(local: "17:30", zone: "America/New_York"))
        #expect(dan.availability(at: Fixtures.utc(2026, 11, 2, 21, 30)) == .available)
        // Weekend.
        #expect(dan.availability(at: Fixtures.utc(2026, 11, 28, 15)) == .offHours(local: "10:00", zone: "America/New_York"))
    }

    @Test func southernHemisphereAndHalfHourZones() {
        let priya = Owner(id: "p", name: "Priya", zone: ZoneClock(identifier: "Asia/Kolkata")!, hours: Fixtures.hours("Mon-Fri 10:00-19:00"))
        #expect(priya.availability(at: Fixtures.utc(2026, 11, 24, 4, 29)) == .offHours(local: "09:59", zone: "Asia/Kolkata"))
        #expect(priya.availability(at: Fixtures.utc(2026, 11, 24, 4, 30)) == .available)
        let ana = Owner(id: "ana", name: "Ana", zone: Fixtures.saoPaulo, hours: Fixtures.hours("Mon-Fri 09:00-18:00"))
        #expect(ana.availability(at: Fixtures.monday) == .offHours(local: "05:10", zone: "America/Sao_Paulo"))
    }

    @Test func outOfOfficeIsWholeLocalDaysThroughUntil() {
        let chloe = Fixtures.acme.owner("chloe")!
        // Berlin is UTC+1 in winter: the absence runs 2026-12-19 23:00 UTC to 2027-01-04 23:00 UTC.
        #expect(chloe.availability(at: Fixtures.utc(2026, 12, 18, 10)) == .available)
        #expect(chloe.availability(at: Fixtures.utc(2026, 12, 19, 23, 0)) == .outOfOffice(until: "2027-01-04"))
        #expect(chloe.availability(at: Fixtures.utc(2027, 1, 4, 15)) == .outOfOffice(until: "2027-01-04"))
        #expect(chloe.availability(at: Fixtures.utc(2027, 1, 5, 9)) == .available)
        var inactive = chloe
        inactive.active = false
        #expect(inactive.availability(at: Fixtures.utc(2027, 1, 5, 9)) == .inactive)
    }

    @Test func weeklyHoursForms() throws {
        let split = try WeeklyHours(parsing: "Mon-Thu 09:00-17:00, Fri 09:00-13:00")
        #expect(split.contains(minuteOfWeek: 3 * 1440 + 16 * 60 + 59))
        #expect(!split.contains(minuteOfWeek: 4 * 1440 + 13 * 60))
        #expect(split.minutesPerWeek == (4 * 8 + 4) * 60)
        let weekend = try WeeklyHours(parsing: "Sat,Sun 10:00-14:00")
        #expect(weekend.contains(minuteOfWeek: 5 * 1440 + 10 * 60))
        #expect(weekend.contains(minuteOfWeek: 6 * 1440 + 13 * 60 + 59))
        #expect(weekend.minutesPerWeek == 8 * 60)
        // An overnight shift on Sunday spills into Monday morning (the week wraps).
        let night = try WeeklyHours(parsing: "Sun 22:00-06:00")
        #expect(night.contains(minuteOfWeek: 6 * 1440 + 23 * 60))
        #expect(night.contains(minuteOfWeek: 5 * 60))
        #expect(!night.contains(minuteOfWeek: 6 * 60))
        #expect(try WeeklyHours(parsing: "Fri-Mon 00:00-24:00").minutesPerWeek == 4 * 1440)
        #expect(try WeeklyHours(parsing: "24/7") == .always)
        #expect(try WeeklyHours(parsing: "09:00-17:00").minutesPerWeek == 7 * 8 * 60)
    }

    @Test(arguments: [
        ("Mon-Fri 09:00-25:00", "bad time \"25:00\""), ("Mon-Fri 9-17", "bad time \"9\""), ("Mon-Fry 09:00-17:00", "unknown day \"Fry\""),
        ("Mon-Fri 09:00-09:00", "is empty"), ("Mon-Fri", "days without a time range"), ("Mon-Fri 09:00", "bad time range"),
        ("", "empty part"),
    ])
    func weeklyHoursErrors(_ text: String, _ message: String) {
        #expect(throws: WeeklyHours.ParseError.self) { try WeeklyHours(parsing: text) }
        do { _ = try WeeklyHours(parsing: text) } catch { #expect(error.message.contains(message), "\(error.message)") }
    }

    @Test func durations() {
        #expect(DurationText.seconds("30m") == 1_800)
        #expect(DurationText.seconds("1h30m") == 5_400)
        #expect(DurationText.seconds("30d") == 2_592_000)
        #expect(DurationText.seconds("2w") == 1_209_600)
        #expect(DurationText.seconds("30") == nil)
        #expect(DurationText.seconds("3x") == nil)
        #expect(DurationText.text(5_400) == "1h30m")
    }
}
