import Foundation
import Testing
@testable import HandoffCore

/// Team holiday calendars, owners' own days off, and how both stop routing and the SLA clock.
@Suite struct HolidayTests {
    static let yaml = """
        version: 1
        name: Holidays
        timezone: Europe/Berlin
        holidays:
          germany: [2026-12-24, {date: 2026-12-25, name: Christmas Day}, "2026-12-31..2027-01-01"]
          us: [{from: 2026-11-26, until: 2026-11-27, name: Thanksgiving}]
        owners:
          - {id: ben, hours: "Mon-Fri 08:00-17:00", holidays: germany}
          - {id: dan, timezone: America/New_York, hours: "Mon-Fri 09:00-17:00", holidays: [us, 2026-12-07]}
        pools:
          main: {method: round_robin, members: [ben, dan], catch_up: capped 3}
        routes:
          - {name: all, when: {}, pool: main}
        fallback: {flag: no_route}
        sla: {accept_within: 30m}
        """

    static func rulebook() throws -> Rulebook {
        let result = load(yaml)
        #expect(result.errors.isEmpty, "\(result.errors)")
        return try #require(result.rulebook)
    }

    @Test func calendarsAndOwnDaysAreReadOnEachOwnersClock() throws {
        let rulebook = try Self.rulebook()
        let ben = try #require(rulebook.owner("ben")), dan = try #require(rulebook.owner("dan"))
        #expect(ben.holidays.map(\.name) == ["germany", "Christmas Day", "germany"])
        #expect(dan.holidays.map(\.name) == ["Thanksgiving", "day off"])
        #expect(rulebook.pools[0].catchUp == .capped(3))
        // Christmas Day in Berlin: 10:00 local.
        #expect(ben.availability(at: Fixtures.utc(2026, 12, 25, 9)) == .holiday(name: "Christmas Day", day: "2026-12-25"))
        // Thanksgiving starts at New York's midnight, 05:00 UTC, not Berlin's.
        #expect(dan.availability(at: Fixtures.utc(2026, 11, 26, 4, 30)) == .offHours(local: "23:30", zone: "America/New_York"))
        #expect(dan.availability(at: Fixtures.utc(2026, 11, 27, 15)) == .holiday(name: "Thanksgiving", day: "2026-11-27"))
        #expect(dan.availability(at: Fixtures.utc(2026, 12, 7, 15)) == .holiday(name: "day off", day: "2026-12-07"))
        // A range covers its last day and stops after it.
        #expect(ben.availability(at: Fixtures.utc(2027, 1, 1, 10)) == .holiday(name: "germany", day: "2027-01-01"))
        #expect(ben.availability(at: Fixtures.utc(2027, 1, 4, 10)) == .available)
    }

    @Test func theRouterPassesOverAnOwnerOnHolidayAndSaysWhich() throws {
        let rulebook = try Self.rulebook()
        let at = Fixtures.utc(2026, 12, 7, 15) // Monday: 16:00 in Berlin, 10:00 in New York, Dan's day off
        let ctx = RoutingContext(rulebook: rulebook, now: at)
        let decision = Router.decide(Lead(id: "L1", receivedAt: at, email: "a@corp.example", company: "Corp"), in: ctx)
        #expect(decision.owner == "ben")
        #expect(DecisionText.summary(decision).contains("dan on holiday (day off, 2026-12-07)"))
    }

    @Test func theSLAClockStopsOnHolidaysAndOutOfOffice() throws {
        var rulebook = try Self.rulebook()
        // Given to Ben at 16:50 on Wednesday 23 December: ten minutes that day; the 24th and 25th are
        // holidays, the 26th and 27th a weekend, so the other twenty run from 08:00 on Monday the 28th.
        let given = Fixtures.utc(2026, 12, 23, 15, 50)
        #expect(rulebook.acceptBy(owner: "ben", route: "all", since: given) == Fixtures.utc(2026, 12, 28, 7, 20))
        // Out of office on the 28th too: the clock waits for Tuesday.
        let i = try #require(rulebook.ownerIndex["ben"])
        rulebook.owners[i].outOfOffice = [Absence(from: LocalTime(year: 2026, month: 12, day: 28), through: LocalTime(year: 2026, month: 12, day: 28), zone: rulebook.owners[i].zone)]
        let due = try #require(rulebook.acceptBy(owner: "ben", route: "all", since: given))
        #expect(due == Fixtures.utc(2026, 12, 29, 7, 20))
        // Working time left counts the same way.
        let owner = rulebook.owners[i]
        #expect(WorkingTime.workingSeconds(from: given, to: due, hours: owner.hours, zone: owner.zone, off: owner.timeOff) == 30 * 60)
    }

    @Test func aWallClockOwnerOnHolidayStillGetsTheTimeOffSkipped() {
        let zone = ZoneClock.utc
        let off = [Absence(from: LocalTime(year: 2026, month: 12, day: 25), through: LocalTime(year: 2026, month: 12, day: 25), zone: zone)]
        let start = Fixtures.utc(2026, 12, 24, 23, 50)
        #expect(WorkingTime.deadline(after: start, working: 1_800, hours: .always, zone: zone, off: off) == Fixtures.utc(2026, 12, 26, 0, 20))
        #expect(WorkingTime.deadline(after: start, working: 1_800, hours: .always, zone: zone) == Fixtures.utc(2026, 12, 25, 0, 20))
    }

    @Test func pausedOwnersArePassedOverWithWhoAndWhy() throws {
        var rulebook = try Self.rulebook()
        rulebook.owners[0].pause = OwnerPause(reason: "workshop", by: "lena", since: Fixtures.tuesdayAfternoon)
        let at = Fixtures.utc(2026, 12, 8, 15)
        let decision = Router.decide(Lead(id: "L1", receivedAt: at, email: "a@corp.example", company: "Corp"), in: RoutingContext(rulebook: rulebook, now: at))
        #expect(decision.owner == "dan")
        #expect(DecisionText.summary(decision).contains("ben paused by lena: workshop"))
        // And the decision's JSON keeps it.
        let json = DecisionJSON.encode(decision)
        #expect(try DecisionJSONTests().roundTrips(decision))
        #expect(json.contains(#""paused":{"text":"paused by lena: workshop"}"#))
    }

    @Test func holidayAndCatchUpErrorsNameThePlace() {
        let yaml = """
            version: 1
            name: Holidays
            holidays:
              germany: [2026-12-24, 2026-02-30, "2026-12-31..2026-12-01", {date: 2026-12-25, nmae: x}]
            owners:
              - {id: ben, holidays: germani}
              - {id: dan, holidays: [germany, tomorrow]}
            pools:
              main: {method: weighted, members: [ben, dan], catch_up: capped none}
              other: {method: round_robin, members: [ben], catch_up: ful}
            fallback: {flag: no_route}
            """
        let r = load(yaml)
        #expect(r.rulebook == nil)
        expectDiagnostic(r, at: (4, 25), "bad holiday '2026-02-30' in holiday calendar 'germany'")
        expectDiagnostic(r, at: (4, 37), "the holiday '2026-12-31..2026-12-01' in holiday calendar 'germany' ends before it starts")
        expectDiagnostic(r, at: (4, 82), "unknown key 'nmae' in a holiday in holiday calendar 'germany'; did you mean 'name'?")
        expectDiagnostic(r, at: (6, 25), "owner 'ben' names holiday calendar 'germani', which 'holidays:' does not define; did you mean 'germany'?")
        expectDiagnostic(r, at: (7, 35), "owner 'dan' names holiday calendar 'tomorrow', which 'holidays:' does not define")
        expectDiagnostic(r, at: (9, 59), "catch_up 'capped' of pool 'main' needs a whole number of leads above 0")
        expectDiagnostic(r, at: (10, 58), "catch_up of pool 'other' must be none, capped N or full (e.g. capped 5); found 'ful'; did you mean 'full'?")
        #expect(r.errors.count == 7, "\(r.errors)")
    }
}

@Suite struct HolidayLintTests {
    @Test func aPoolWhoseMembersShareAHolidayIsWarnedAbout() {
        let yaml = """
            version: 1
            name: Holidays
            holidays:
              germany: ["2026-12-24..2026-12-26", 2027-01-01]
            owners:
              - {id: ben, hours: "Mon-Fri 08:00-17:00", holidays: germany}
              - {id: ana, hours: "Mon-Fri 08:00-17:00", holidays: [germany, 2026-12-31]}
              - {id: dan, hours: "Mon-Fri 08:00-17:00"}
            pools:
              de: {method: round_robin, members: [ben, ana]}
              mixed: {method: round_robin, members: [ben, dan]}
            routes:
              - {name: all, when: {}, pool: de}
              - {name: other, when: {country: US}, pool: mixed}
            fallback: {flag: no_route}
            """
        let r = load(yaml, lintWeek: Fixtures.tuesdayAfternoon)
        #expect(r.errors.isEmpty, "\(r.errors)")
        // The 26th is a Saturday nobody works; 2027-01-01 is a Friday.
        expectDiagnostic(r, .warning, at: (10, 3), "pool 'de' has nobody working on 2026-12-24, 2026-12-25, 2027-01-01: every member is on holiday")
        #expect(!r.diagnostics.contains { $0.message.contains("pool 'mixed' has nobody") })
    }
}
