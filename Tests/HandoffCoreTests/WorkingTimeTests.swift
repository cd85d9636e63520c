import Foundation
import Testing
@testable import HandoffCore
import HandoffDemo

@Suite struct WorkingTimeTests {
    static let berlin = ZoneClock(identifier: "Europe/Berlin")!
    static let newYork = ZoneClock(identifier: "America/New_York")!
    static let weekdays = try! WeeklyHours(parsing: "Mon-Fri 09:00-18:00")

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aDeadlineNearTheEndOfTheDayCarriesIntoTheNextWorkingDay() {
        // Tue 17:50 Berlin (16:50Z), 30 working minutes: 10 today, 20 tomorrow -> Wed 09:20 Berlin.
        let due = WorkingTime.deadline(after: Self.at("2026-11-24T16:50:00Z"), working: 1_800, hours: Self.weekdays, zone: Self.berlin)
        #expect(due == Self.at("2026-11-25T08:20:00Z"))
    }

    @Test func fridayEveningCarriesOverTheWeekend() {
        // Fri 17:45 Berlin, 30 minutes -> Mon 09:15 Berlin.
        let due = WorkingTime.deadline(after: Self.at("2026-11-27T16:45:00Z"), working: 1_800, hours: Self.weekdays, zone: Self.berlin)
        #expect(due == Self.at("2026-11-30T08:15:00Z"))
    }

    @Test func assignedBeforeHoursStartsCountingAtNine() {
        // Wed 06:00 New York, 30 minutes -> 09:30 New York (14:30Z).
        let due = WorkingTime.deadline(after: Self.at("2026-11-25T11:00:00Z"), working: 1_800, hours: Self.weekdays, zone: Self.newYork)
        #expect(due == Self.at("2026-11-25T14:30:00Z"))
    }

    @Test func theOwnersClockCountsAcrossADaylightSavingChange() {
        // Berlin leaves summer time on Sun 2026-10-25. Fri 17:30 CEST (15:30Z), 60 minutes:
        // 30 on Friday, 30 on Monday from 09:00 CET (08:00Z) -> 08:30Z.
        let due = WorkingTime.deadline(after: Self.at("2026-10-23T15:30:00Z"), working: 3_600, hours: Self.weekdays, zone: Self.berlin)
        #expect(due == Self.at("2026-10-26T08:30:00Z"))
    }

    @Test func secondsInsideAMinuteCount() {
        let due = WorkingTime.deadline(after: Self.at("2026-11-24T09:00:30Z"), working: 45, hours: Self.weekdays, zone: .utc)
        #expect(due == Self.at("2026-11-24T09:01:15Z"))
    }

    @Test func alwaysAndNeverCountWallTime() {
        let start = Self.at("2026-11-28T03:00:00Z")
        #expect(WorkingTime.deadline(after: start, working: 600, hours: .always, zone: Self.berlin) == start.addingTimeInterval(600))
        let never = WeeklyHours(text: "never", allMinutes: false)
        #expect(WorkingTime.deadline(after: start, working: 600, hours: never, zone: Self.berlin) == start.addingTimeInterval(600))
    }

    @Test func workingSecondsIsTheInverse() {
        let start = Self.at("2026-11-27T16:45:00Z")
        let due = WorkingTime.deadline(after: start, working: 1_800, hours: Self.weekdays, zone: Self.berlin)
        #expect(WorkingTime.workingSeconds(from: start, to: due, hours: Self.weekdays, zone: Self.berlin) == 1_800)
        #expect(WorkingTime.workingSeconds(from: due, to: start, hours: Self.weekdays, zone: Self.berlin) == -1_800)
    }

    @Test func minutesPerWeekCountsWholeWeeksExactly() {
        #expect(Self.weekdays.minutesPerWeek == 5 * 9 * 60)
        #expect(WeeklyHours.always.minutesPerWeek == WeeklyHours.minutesPerWeek)
    }
}

@Suite struct AcceptByTests {
    static let rulebook = RulebookLoader.load(yaml: HandoffDemo.ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!

    @Test func theSLAIsCountedInTheOwnersHours() {
        // Ben works Mon-Fri 08:00-17:00 Berlin; given a lead Tue 16:50 Berlin (15:50Z) with 30 minutes,
        // he has 10 minutes today and 20 tomorrow from 08:00: Wed 08:20 Berlin.
        let due = Self.rulebook.acceptBy(owner: "ben", route: "enterprise-emea", since: WorkingTimeTests.at("2026-11-24T15:50:00Z"))
        #expect(due == WorkingTimeTests.at("2026-11-25T07:20:00Z"))
    }

    @Test func anUnknownOwnerCountsWallTime() {
        let since = WorkingTimeTests.at("2026-11-24T15:50:00Z")
        #expect(Self.rulebook.acceptBy(owner: "nobody", route: nil, since: since) == since.addingTimeInterval(1_800))
        #expect(Self.rulebook.sla(forRoute: "no-such-route")?.acceptWithin == 1_800)
    }
}
