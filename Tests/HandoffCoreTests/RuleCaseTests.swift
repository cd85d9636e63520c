import Foundation
import Testing
@testable import HandoffCore

/// Rulebook tests: the test file's reader, the runner over the real router, and recorded cases.
@Suite struct RuleCaseTests {
    let rulebook = Fixtures.acme

    func load(_ yaml: String) -> RuleCaseLoad { RuleCaseLoader.load(yaml: yaml, file: "rulebook.tests.yaml") }

    func run(_ yaml: String) throws -> [RuleCaseResult] {
        let load = load(yaml)
        #expect(load.errors.isEmpty, "\(load.errors)")
        return RuleCaseRunner(rulebook: rulebook).run(load.cases)
    }

    @Test func passingCasesCoverEveryCircumstance() throws {
        let results = try run("""
            at: 2026-11-24 10:00 Europe/Berlin
            cases:
              - name: German enterprise
                lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}
                expect: {route: enterprise-emea, pool: emea-enterprise, owner: [ben, chloe], mode: auto, exception: none}
              - name: ben is full
                lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}
                given: {load: {ben: 30}}
                expect: {owner: chloe}
              - name: ben paused and chloe away
                lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}
                given: {paused: {ben: {reason: workshop, by: lena}}, away: [chloe]}
                expect: {owner: none, exception: no_available_owner}
              - name: known account
                at: 2026-11-24 10:00 America/New_York
                lead: {email: max@globex.com, company: Globex, country: US, employees: 50}
                given: {accounts: [{domain: globex.com, name: Globex, owner: dan}]}
                expect: {route: named-account, owner: dan}
              - name: a repeat
                lead: {email: anna@siemens.de, company: Siemens, country: DE, employees: 4200}
                given: {earlier: [{email: anna@siemens.de, company: Siemens, at: 2026-11-20T09:00:00Z}]}
                expect: {exception: duplicate_suspect, owner: {not: ana}}
              - name: eve's turn
                at: 2026-11-24T15:00:00Z
                lead: {email: y@small.com, company: Small, country: US, employees: 10}
                given: {pools: {na-smb: {turn: eve}}}
                expect: {owner: eve}
              - name: strategic
                lead: {email: cfo@big.com, company: Big, country: US, employees: 500, annual_revenue: 5000000000}
                expect: {route: strategic-review, mode: review, exception: review_required}
              - name: nowhere to go
                lead: {email: x@acme.jp, company: Acme, country: JP, employees: 10}
                expect: {route: none, pool: none, exception: no_route}
            """)
        #expect(results.count == 8)
        for r in results { #expect(r.passed, "\(r.rule.name): \(r.failures) \(r.decision.map(DecisionText.lines) ?? [])") }
        // The pause's author reaches the trace as the console would word it.
        let paused = try #require(results.first { $0.rule.name == "ben paused and chloe away" }?.decision)
        #expect(DecisionText.lines(paused).joined().contains("paused by lena: workshop"))
    }

    @Test func aFailureSaysWhatWasExpectedAndWhatHappened() throws {
        let results = try run("""
            cases:
              - name: wrong
                at: 2026-11-24T09:00:00Z
                lead: {email: x@acme.fr, company: Acme, country: FR, employees: 10}
                expect: {route: enterprise-emea, owner: ana, mode: auto}
            """)
        let r = try #require(results.first)
        #expect(!r.passed)
        #expect(r.failures == [
            "expected route enterprise-emea, got none",
            "expected mode auto, got none (no route matched)",
            "expected owner ana, got none",
        ])
        #expect(r.rule.line == 2 && r.rule.column == 5)
    }

    @Test func namesTheRulebookLacksFailTheCaseWithASuggestion() throws {
        let results = try run("""
            cases:
              - name: stale names
                at: 2026-11-24T09:00:00Z
                lead: {email: x@acme.de, company: Acme, country: DE, employees: 4000}
                given: {load: {bem: 3}, pools: {emea-enterprise: {turn: dan}}}
                expect: {route: enterprise-emia, owner: chloee}
            """)
        let r = try #require(results.first)
        #expect(r.decision == nil)
        #expect(r.failures == [
            "given load of 'bem' is not an owner of the rulebook; did you mean 'ben'?",
            "given pool 'emea-enterprise' names 'dan', who is not one of its members (ana, ben, chloe)",
            "expected route 'enterprise-emia' is not a route of the rulebook; did you mean 'enterprise-emea'?",
            "expected owner 'chloee' is not an owner of the rulebook; did you mean 'chloe'?",
        ])
    }

    @Test func everyProblemInAMalformedFileHasItsPlace() {
        let yaml = """
            cases:
              - name: one
                lead: {emial: a@b.de, country: [DE]}
                at: 2026-02-30 10:00 Europe/Berlin
                expect: {exception: no_rout, owner: {nott: ben}, color: red}
              - name: one
                lead: {email: a@b.de}
                at: 2026-11-24T10:00:00+15:00
                given: {load: {ben: -1}, away: {chloe: 2026-13-01}, moods: []}
                expect: {}
              - lead: {email: a@b.de}
                expect: {owner: ben}
            """
        let load = load(yaml)
        #expect(load.cases.isEmpty)
        let seen = load.errors.map { "\($0.line):\($0.column): \($0.message)" }
        let expected = [
            "3:12: unknown lead field 'emial' in case 'one' lead; did you mean 'email'?",
            "3:36: case 'one' lead country must be a single value; found a list",
            "4:9: bad moment '2026-02-30 10:00 Europe/Berlin' for case 'one' at: no such calendar date",
            "5:25: unknown exception reason 'no_rout' in case 'one'; did you mean 'no_route'?",
            "5:42: unknown key 'nott' in case 'one' expected owner; did you mean 'not'?",
            "5:54: unknown key 'color' in case 'one' expect; use one of: route, pool, owner, exception, mode",
            "6:5: duplicate case name 'one'; it was first used on line 2",
            "8:9: bad moment '2026-11-24T10:00:00+15:00' for case 'one' at: the offset must be between -14:00 and +14:00",
            "9:25: case 'one' load of ben must be a whole number from 0 to 1000000000; found '-1'",
            "9:44: bad days '2026-13-01' for chloe in case 'one' given away; write a date (2026-11-24) or a span (2026-12-20..2027-01-04)",
            "9:57: unknown key 'moods' in case 'one' given; use one of: load, paused, away, accounts, earlier, pools",
            "10:13: case 'one' expects nothing; give at least one of: route, pool, owner, exception, mode",
            "11:5: case 3 needs 'name', e.g. name: German enterprise",
        ]
        for line in expected { #expect(seen.contains(line), "missing: \(line)\nseen: \(seen.joined(separator: "\n"))") }
        #expect(RuleCaseLoader.load(yaml: "cases: [", file: "t.yaml").errors.first?.message.hasPrefix("invalid YAML") == true)
        #expect(RuleCaseLoader.load(yaml: "", file: "t.yaml").errors.first?.message.contains("empty") == true)
    }

    @Test func anEarlierLeadMustComeBeforeTheCase() {
        let load = load("""
            cases:
              - name: later
                at: 2026-11-24T10:00:00Z
                lead: {email: a@b.de, company: B}
                given: {earlier: [{email: a@b.de, at: 2026-11-25T10:00:00Z}]}
                expect: {exception: duplicate_suspect}
            """)
        #expect(load.errors.map(\.message) == ["earlier lead 1 of case 'later' is received after the case's lead; a duplicate is always of an earlier lead"])
    }

    @Test func momentsAreExactOrRefused() throws {
        func date(_ text: String) -> Date? { try? MomentText.parse(text).get() }
        #expect(date("2026-11-24T10:00:00Z") == Fixtures.utc(2026, 11, 24, 10))
        #expect(date("2026-11-24T10:00Z") == Fixtures.utc(2026, 11, 24, 10))
        #expect(date("2026-11-24T11:30:00+01:30") == Fixtures.utc(2026, 11, 24, 10))
        #expect(date("2026-11-24 10:00 Europe/Berlin") == Fixtures.utc(2026, 11, 24, 9))
        #expect(date("2026-07-01 10:00 Europe/Berlin") == Fixtures.utc(2026, 7, 1, 8))
        #expect(date("2026-11-24T10:00:00.25Z")?.timeIntervalSince1970 == Fixtures.utc(2026, 11, 24, 10).timeIntervalSince1970 + 0.25)
        // A fraction written from a Double reads back as that same Double.
        let odd = Date(timeIntervalSince1970: 1_795_530_719.3211274)
        #expect(date(RuleCaseRecorder.moment(odd)) == odd)
        #expect(MomentText.parse("2026-03-29 02:30 Europe/Berlin") == .failure(.skipped("Europe/Berlin")))
        #expect(MomentText.parse("2026-02-29T10:00:00Z") == .failure(.date))
        #expect(MomentText.parse("2026-11-24T24:00:00Z") == .failure(.time))
        #expect(MomentText.parse("2026-11-24T10:00:00+14:01") == .failure(.offset))
        #expect(MomentText.parse("2026-11-24 10:00 Mars/Olympus") == .failure(.zone("Mars/Olympus")))
        #expect(MomentText.parse("tomorrow") == .failure(.shape))
        #expect(MomentText.parse("2026-11-24 10:00") == .failure(.shape))
    }

    @Test func recordedCasesReadBackAsTheLeadAndCircumstancesRecorded() throws {
        let at = Fixtures.utc(2026, 11, 24, 14, 30)
        var fields = Lead.Fields(id: "L-0000042", receivedAt: at.addingTimeInterval(-90.5), attributes: ["seg\"ment": "a\\b"])
        fields.company = "Acme \"Quotes\" \u{1B}[2J\nLtd"
        fields.email = "jo@acme.de"
        fields.country = "DE"
        fields.employees = "4200"
        fields.title = ""
        let lead = Lead(fields: fields)
        var paused = rulebook
        paused.owners[0].pause = OwnerPause(reason: "call: \"x\"", by: "olga", since: at)
        var context = RoutingContext(rulebook: paused, now: at)
        context.state.openLoad[1] = 7
        let decision = Router.decide(lead, in: context)
        let yaml = RuleCaseRecorder.yaml([.init(lead: lead, decision: decision, paused: ["ana": PauseGiven(reason: "call: \"x\"", by: "olga")])], rulebook: rulebook)
        let load = RuleCaseLoader.load(yaml: yaml, file: "recorded.yaml")
        #expect(load.errors.isEmpty, "\(load.errors)\n\(yaml)")
        let c = try #require(load.cases.first)
        #expect(c.lead == lead)
        #expect(c.at == at)
        #expect(c.given.load == ["ben": 7])
        #expect(c.given.paused == ["ana": PauseGiven(reason: "call: \"x\"", by: "olga")])
        let replayed = try #require(RuleCaseRunner(rulebook: rulebook).run(c).decision)
        #expect(DecisionJSON.encode(replayed) == DecisionJSON.encode(decision))
    }

    @Test func spacesAreTrimmedAsFoundationTrimsThem() {
        for text in ["", " ", "\t a b \t", "a", "\u{00A0}x\u{2003}", "\nx\n", " \n x \n ", "é ", "\u{3000}全角\u{3000}"] {
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func companionFileSitsBesideTheRulebook() {
        #expect(RuleCaseLoader.companion(ofRulebook: "rulebook.yaml") == "rulebook.tests.yaml")
        #expect(RuleCaseLoader.companion(ofRulebook: "/etc/team/acme.yml") == "/etc/team/acme.tests.yml")
        #expect(RuleCaseLoader.companion(ofRulebook: "rules/draft") == "rules/draft.tests.yaml")
    }
}
