import Foundation
import Testing
@testable import HandoffCore

@Suite struct RulebookLintTests {
    @Test func routeShadowedByABroaderEarlierRoute() {
        let yaml = baseRulebook + """
            routes:
              - name: north-america
                when: {country: [US, CA]}
                pool: main
              - name: us-enterprise
                when: {country: US, employees: ">= 1000"}
                pool: main
            """
        let r = load(yaml)
        #expect(r.rulebook != nil)
        #expect(r.diagnostics.map(\.description) == [
            "r.yaml:13:5: warning: route 'us-enterprise' can never match: route 'north-america' on line 10 matches every lead it matches, and comes first; move it above 'north-america' or narrow 'north-america'",
        ])
    }

    @Test func narrowerRouteFirstIsFine() {
        let r = load(baseRulebook + """
            routes:
              - {name: us-enterprise, when: {country: US, employees: ">= 1000"}, pool: main}
              - {name: north-america, when: {country: [US, CA]}, pool: main}
            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    }

    @Test func routeAfterACatchAll() {
        let r = load(baseRulebook + """
            routes:
              - name: catch-all
                pool: main
              - name: late
                when: {country: US}
                pool: main
              - {name: later, when: {}, pool: main}
            """)
        #expect(r.warnings.map(\.description) == [
            "r.yaml:12:5: warning: route 'late' can never match: route 'catch-all' on line 10 has no conditions and matches first",
            "r.yaml:15:5: warning: route 'later' can never match: route 'catch-all' on line 10 has no conditions and matches first",
        ])
    }

    @Test func missingFallback() {
        let r = load(baseRulebook.replacingOccurrences(of: "fallback: {flag: no_route}\n", with: ""))
        #expect(r.rulebook?.fallback == nil)
        #expect(r.diagnostics.map(\.description) == [
            "r.yaml:1:1: warning: no fallback: nothing says what happens to leads that match no route; add e.g. 'fallback: {flag: no_route}'",
        ])
    }

    @Test func ownerInNoPool() {
        let r = load(baseRulebook.replacingOccurrences(of: "  - {id: ben}\n", with: "  - {id: ben}\n  - {id: carl}\n"))
        #expect(r.diagnostics.map(\.description) == [
            "r.yaml:6:5: warning: owner 'carl' is in no pool, so no route can reach them (except as an account owner); add them to a pool's members",
        ])
    }

    @Test func noLintWhenThereAreErrors() {
        let r = load(baseRulebook.replacingOccurrences(of: "fallback: {flag: no_route}\n", with: "owner: x\n"))
        #expect(r.warnings.isEmpty)
        #expect(r.errors.count == 1)
    }

    private func coverage(_ owners: String, zone: String = "UTC", lintWeek: Date? = nil) -> [String] {
        let yaml = """
            version: 1
            name: Test
            timezone: \(zone)
            owners:
            \(owners)
            pools:
              main: {method: weighted, members: [a, b]}
              accounts: {method: account_owner, fallback_pool: main}
            fallback: {flag: no_route}
            """
        let r = load(yaml, lintWeek: lintWeek)
        #expect(r.errors.isEmpty, "\(r.errors)")
        return r.warnings.map(\.message)
    }

    @Test func fullyCoveredPoolHasNoWarning() {
        #expect(coverage("""
              - {id: a, hours: "Mon-Sun 00:00-12:00"}
              - {id: b, hours: "Mon-Sun 12:00-24:00"}
            """) == [])
    }

    @Test func gapsAreGroupedByDay() {
        #expect(coverage("""
              - {id: a, hours: "Mon,Wed 09:00-17:00"}
              - {id: b, hours: "Mon,Wed 08:00-10:00"}
            """) == ["pool 'main' has no available member Mon,Wed 00:00-08:00 and 17:00-24:00, Tue,Thu-Sun all day (UTC)"])
    }

    @Test func overnightShiftsAndThreeGaps() {
        #expect(coverage("""
              - {id: a, hours: "Mon-Fri 22:00-06:00"}
              - {id: b, hours: "Sat 10:00-11:00, Sat 12:00-13:00"}
            """) == ["pool 'main' has no available member Mon 00:00-22:00, Tue-Fri 06:00-22:00, Sat 06:00-10:00, 11:00-12:00 and 13:00-24:00, Sun all day (UTC)"])
    }

    @Test func gapsAreShownOnTheRulebookClock() {
        // 09:00-17:00 in New York is 15:00-23:00 in Berlin in January.
        #expect(coverage("""
              - {id: a, timezone: America/New_York, hours: "Mon-Fri 09:00-17:00"}
              - {id: b, timezone: America/New_York, hours: "Mon-Fri 09:00-17:00"}
            """, zone: "Europe/Berlin") == ["pool 'main' has no available member Mon-Fri 00:00-15:00 and 23:00-24:00, Sat-Sun all day (Europe/Berlin)"])
    }

    @Test func theLintWeekDecidesTheOffsets() {
        // Between the US and EU clock changes (2026-03-08 / 03-29) New York is only five hours behind Berlin.
        let owners = """
              - {id: a, timezone: America/New_York, hours: "Mon-Fri 09:00-17:00"}
              - {id: b, timezone: America/New_York, hours: "Mon-Fri 09:00-17:00"}
            """
        let expected = ["pool 'main' has no available member Mon-Fri 00:00-14:00 and 22:00-24:00, Sat-Sun all day (Europe/Berlin)"]
        #expect(coverage(owners, zone: "Europe/Berlin", lintWeek: instant("UTC", 2026, 3, 16)) == expected)
        // Any instant in the week gives the same week.
        #expect(coverage(owners, zone: "Europe/Berlin", lintWeek: instant("UTC", 2026, 3, 20, 18)) == expected)
    }

    @Test func poolWithOnlyInactiveMembers() {
        #expect(coverage("""
              - {id: a, active: false}
              - {id: b, active: false}
            """) == ["pool 'main' has no active member; set 'active: true' on a member or add one"])
    }

    @Test func inactiveMembersDoNotCover() {
        #expect(coverage("""
              - {id: a, active: false}
              - {id: b, hours: "Mon-Sun 00:00-23:00"}
            """) == ["pool 'main' has no available member Mon-Sun 23:00-24:00 (UTC)"])
    }
}
