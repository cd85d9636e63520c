import Foundation
import Testing
@testable import HandoffCore

@Suite struct RulebookLoaderTests {
    @Test func exampleLoadsWithoutErrors() throws {
        let result = load(try exampleText())
        #expect(result.errors.isEmpty, "\(result.errors)")
        let book = try #require(result.rulebook)
        #expect(book.name == "Acme inbound")
        #expect(book.zone.identifier == "Europe/Berlin")
        #expect(book.version.count == 12 && book.version.allSatisfy(\.isHexDigit))
    }

    @Test func exampleOwners() throws {
        let book = try #require(load(try exampleText()).rulebook)
        #expect(book.owners.map(\.id) == ["ana", "ben", "chloe", "dan", "eve"])
        let ana = try #require(book.owner("ana"))
        #expect(ana.name == "Ana Souza")
        #expect(ana.zone.identifier == "America/Sao_Paulo")
        #expect(ana.hours == (try WeeklyHours(parsing: "Mon-Fri 09:00-18:00")))
        #expect(ana.capacity == 40 && ana.weight == 2 && ana.active)
        let ben = try #require(book.owner("ben"))
        #expect(ben.zone.identifier == "Europe/Berlin") // the rulebook's zone
        #expect(ben.capacity == 30 && ben.weight == 1 && ben.email == nil && ben.outOfOffice.isEmpty)
        let chloe = try #require(book.owner("chloe"))
        #expect(chloe.outOfOffice.count == 1)
        let away = try #require(chloe.outOfOffice.first)
        #expect(away.lastDay == "2027-01-04")
        #expect(away.contains(instant("Europe/Berlin", 2026, 12, 20)))
        #expect(away.contains(instant("Europe/Berlin", 2026, 12, 25, 12)))
        #expect(away.contains(instant("Europe/Berlin", 2027, 1, 4, 23, 59)))
        #expect(!away.contains(instant("Europe/Berlin", 2027, 1, 5)))
        #expect(!away.contains(instant("Europe/Berlin", 2026, 12, 19, 23, 59)))
        #expect(book.owner("dan")?.capacity == 60)
        #expect(book.owner("eve")?.zone.identifier == "America/New_York")
    }

    @Test func examplePoolsAndPolicies() throws {
        let book = try #require(load(try exampleText()).rulebook)
        #expect(book.pools == [
            Pool(name: "emea-enterprise", method: .loadBalanced, members: ["ana", "ben", "chloe"]),
            Pool(name: "na-smb", method: .roundRobin, members: ["dan", "eve"]),
            Pool(name: "named-accounts", method: .accountOwner, fallbackPool: "emea-enterprise"),
        ])
        #expect(book.poolMembers == [[0, 1, 2], [3, 4], []])
        #expect(book.readiness == ReadinessPolicy(require: [.email, .company], freeEmailDomains: .flag))
        #expect(book.duplicates == DuplicatePolicy(matchOn: [.email], window: 30 * 86_400, action: .flag))
        #expect(book.accounts == AccountMatching(matchOn: .domain))
        #expect(book.fallback == .flag(.noRoute))
        #expect(book.sla == SLAPolicy(acceptWithin: 1_800, onBreach: .reroute))
    }

    @Test func exampleRoutes() throws {
        let book = try #require(load(try exampleText()).rulebook)
        let countries = ["DE", "FR", "GB", "NL", "ES", "IT"].map(Scalar.text)
        #expect(book.routes == [
            Route(name: "named-account", when: .field(.matchedAccount, .equals(.flag(true))), pool: "named-accounts"),
            Route(name: "enterprise-emea", when: .all([
                .field(.country, .oneOf(countries)), .field(.employees, .compare(.greaterOrEqual, 1000)),
            ]), pool: "emea-enterprise"),
            Route(name: "strategic-review", when: .field(.annualRevenue, .compare(.greaterOrEqual, 1_000_000_000)),
                  pool: "emea-enterprise", mode: .review),
            Route(name: "na-smb", when: .all([
                .field(.country, .oneOf([.text("US"), .text("CA")])), .field(.employees, .compare(.lessThan, 200)),
            ]), pool: "na-smb"),
        ])
        #expect(book.routePool == [2, 0, 0, 1])
    }

    /// The example's only warnings: nobody covers nights and weekends, which is what the team intends.
    @Test func exampleWarnings() throws {
        let result = load(try exampleText())
        #expect(result.warnings.map(\.description) == [
            "r.yaml:11:3: warning: pool 'emea-enterprise' has no available member Mon-Fri 00:00-08:00 and 22:00-24:00, Sat-Sun all day (Europe/Berlin)",
            "r.yaml:12:3: warning: pool 'na-smb' has no available member Mon-Fri 00:00-15:00 and 23:00-24:00, Sat-Sun all day (Europe/Berlin)",
        ])
    }

    @Test func baseRulebookIsClean() {
        let result = load(baseRulebook)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.rulebook?.zone.identifier == "UTC")
        #expect(result.rulebook?.owner("ben")?.hours == .always)
        #expect(result.rulebook?.owner("ben")?.name == "ben")
    }

    @Test func defaultsWhenSectionsAreAbsent() throws {
        let book = try #require(load(baseRulebook).rulebook)
        #expect(book.readiness == ReadinessPolicy())
        #expect(book.duplicates == DuplicatePolicy())
        #expect(book.accounts == AccountMatching())
        #expect(book.sla == nil)
        #expect(book.routes.isEmpty)
    }

    @Test func diagnosticDescriptionIsCompilerStyle() {
        let d = Diagnostic(severity: .error, file: "rulebook.yaml", line: 23, column: 5, message: "unknown key 'pol'; did you mean 'pool'?")
        #expect(d.description == "rulebook.yaml:23:5: error: unknown key 'pol'; did you mean 'pool'?")
    }

    /// Yams marks are 1-based: the very first character is line 1, column 1.
    @Test func positionsAreOneBased() {
        let result = load("nmae: x\n")
        #expect(result.errors.first?.line == 1 && result.errors.first?.column == 1)
        expectDiagnostic(result, line: 1, column: 1, "unknown key 'nmae' in the rulebook; did you mean 'name'?")
    }

    @Test func ownerDetails() throws {
        let yaml = baseRulebook.replacingOccurrences(of: "  - {id: ben}", with: """
              - id: ben
                email: Ben@Example.com
                timezone: Asia/Tokyo
                hours: "Mon-Thu 09:00-17:00, Fri 09:00-13:00"
                active: false
                weight: 3
                out_of_office:
                  - {from: 2026-08-03, until: 2026-08-14}
                  - {from: "2026-09-01T12:00:00Z", until: "2026-09-02T08:00:00+09:00"}
            """)
        let result = load(yaml)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let ben = try #require(result.rulebook?.owner("ben"))
        #expect(ben.email == "ben@example.com")
        #expect(ben.zone.identifier == "Asia/Tokyo")
        #expect(ben.hours.text == "Mon-Thu 09:00-17:00, Fri 09:00-13:00")
        #expect(!ben.active && ben.weight == 3 && ben.capacity == nil)
        #expect(ben.outOfOffice.count == 2)
        #expect(ben.outOfOffice[0].contains(instant("Asia/Tokyo", 2026, 8, 14, 23)))
        #expect(!ben.outOfOffice[0].contains(instant("Asia/Tokyo", 2026, 8, 2, 23)))
        let trip = ben.outOfOffice[1]
        #expect(trip.start == instant("UTC", 2026, 9, 1, 12))
        #expect(trip.end == instant("UTC", 2026, 9, 1, 23))
        #expect(trip.lastDay == "2026-09-02")
    }

    @Test func routeDetails() throws {
        let yaml = baseRulebook + """
            routes:
              - name: vip
                when: {attributes.tier: gold}
                pool: main
                mode: review
                sla: {accept_within: 1h30m, on_breach: flag, remind_before: 15m, notify: true}
              - {name: rest, pool: main}
            """
        let book = try #require(load(yaml).rulebook)
        #expect(book.routes[0].mode == .review)
        #expect(book.routes[0].sla == SLAPolicy(acceptWithin: 5_400, onBreach: .flag, remindBefore: 900, notify: true))
        #expect(book.routes[1] == Route(name: "rest", when: .always, pool: "main"))
    }

    @Test func policiesWithEveryOption() throws {
        let yaml = baseRulebook.replacingOccurrences(of: "fallback: {flag: no_route}", with: """
            fallback: {pool: main, mode: review}
            readiness: {require: [email, attributes.budget], free_email_domains: allow, extra_free_email_domains: [Mailbox.org]}
            duplicates: {match_on: [email_domain, last_name], window: 2w, action: ignore}
            accounts: {match_on: website_domain}
            """)
        let result = load(yaml)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let book = try #require(result.rulebook)
        #expect(book.fallback == .pool("main", .review))
        #expect(book.readiness == ReadinessPolicy(require: [.email, .attribute("budget")], freeEmailDomains: .allow, extraFreeEmailDomains: ["mailbox.org"]))
        #expect(book.duplicates == DuplicatePolicy(matchOn: [.emailDomain, .lastName], window: 14 * 86_400, action: .ignore))
        #expect(book.accounts.matchOn == .websiteDomain)
    }
}
