import Foundation
import Testing
@testable import HandoffCore

@Suite struct RulebookErrorTests {
    @Test func ownerErrors() {
        let yaml = """
            version: 1
            name: Test
            timezone: Europe/Berln
            owners:
              - {id: ana, hours: "Mon-Fri 09:00-25:00"}
              - {id: ben, timezone: America/New_Yrok, capacity: 0, weight: two, active: maybe, nmae: Ben, email: ben-at-acme}
              - {id: ana}
              - id: dan
                out_of_office: {from: 2026-05-10, until: 2026-05-01}
              - {id: eve, out_of_office: [{from: 2026-13-01, until: 2026-05-01}]}
              - {name: Nobody}
            pools:
              main: {method: round_robin, members: [ana, ben, dan, eve]}
            fallback: {flag: no_route}
            """
        let r = load(yaml)
        #expect(r.rulebook == nil)
        expectDiagnostic(r, at: valueSpot(of: "timezone", in: yaml), "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?")
        expectDiagnostic(r, at: valueSpot(of: "hours", in: yaml), "bad hours for owner 'ana': bad time \"25:00\" in \"09:00-25:00\"; use 24-hour HH:MM")
        expectDiagnostic(r, at: valueSpot(of: "timezone", in: yaml, occurrence: 2), "unknown time zone 'America/New_Yrok'; did you mean 'America/New_York'?")
        expectDiagnostic(r, at: valueSpot(of: "capacity", in: yaml), "owner 'ben' capacity must be a whole number from 1 to 100,000 (leave it out for no limit); found '0'")
        expectDiagnostic(r, at: valueSpot(of: "weight", in: yaml), "owner 'ben' weight must be a whole number from 1 to 10,000; found 'two'")
        expectDiagnostic(r, at: valueSpot(of: "active", in: yaml), "owner 'ben' active must be true or false; found 'maybe'")
        expectDiagnostic(r, at: spot(of: "nmae", in: yaml), "unknown key 'nmae' in owner; did you mean 'name'?")
        expectDiagnostic(r, at: valueSpot(of: "email", in: yaml), "owner 'ben' has an invalid email 'ben-at-acme'")
        expectDiagnostic(r, at: (7, 10), "duplicate owner id 'ana'; it was first used on line 5")
        expectDiagnostic(r, at: valueSpot(of: "until", in: yaml), "'until' is before 'from' in out_of_office of owner 'dan'")
        expectDiagnostic(r, at: valueSpot(of: "from", in: yaml, occurrence: 2), "bad date '2026-13-01' for 'from'; write a date such as 2026-12-20")
        expectDiagnostic(r, at: (11, 5), "an owner needs 'id'")
        #expect(r.errors.count == 12, "\(r.errors)")
    }

    @Test func poolErrors() {
        let yaml = """
            version: 1
            name: Test
            owners:
              - {id: ana}
              - {id: ben}
            pools:
              a: {method: round-robin, members: [ana]}
              b: {method: weighted, members: [ana, bne, ana]}
              c: {method: load_balanced, members: []}
              d: {method: round_robin}
              e: {method: account_owner, fallback_pool: mian}
              f: {method: round_robin, members: [ben], fallback_pool: a}
              a: {method: weighted, members: [ben]}
              g: {members: [ben]}
            fallback: {flag: no_route}
            """
        let r = load(yaml)
        expectDiagnostic(r, at: valueSpot(of: "method", in: yaml), "unknown method 'round-robin' in pool 'a'; did you mean 'round_robin'?")
        expectDiagnostic(r, at: spot(of: "bne", in: yaml), "unknown owner 'bne' in pool 'b'; did you mean 'ben'?")
        expectDiagnostic(r, at: spot(of: "ana]}", in: yaml, occurrence: 2), "owner 'ana' is listed twice in pool 'b' (first on line 8)")
        expectDiagnostic(r, at: spot(of: "members: []", in: yaml), "pool 'c' has no members; load_balanced needs at least one owner")
        expectDiagnostic(r, at: (10, 3), "pool 'd' has no members; round_robin needs at least one owner")
        expectDiagnostic(r, at: spot(of: "mian", in: yaml), "unknown fallback_pool 'mian' in pool 'e'")
        expectDiagnostic(r, .warning, at: spot(of: "fallback_pool: a", in: yaml), "fallback_pool only applies to account_owner pools; pool 'f' uses round_robin")
        expectDiagnostic(r, at: (13, 3), "duplicate key 'a' in pools; it was first given on line 7")
        expectDiagnostic(r, at: (14, 6), "pool 'g' needs 'method'")
        #expect(r.errors.count == 8, "\(r.errors)")
    }

    @Test func fallbackPoolsInACircle() {
        let circle = """
            version: 1
            name: Test
            owners: [{id: ana}]
            pools:
              main: {method: round_robin, members: [ana]}
              x: {method: account_owner, fallback_pool: y}
              y: {method: account_owner, fallback_pool: x}
            fallback: {flag: no_route}
            """
        let r = load(circle)
        expectDiagnostic(r, at: valueSpot(of: "fallback_pool", in: circle), "fallback pools go round in a circle: x -> y -> x")
        #expect(r.errors.count == 1)
    }

    @Test func policyErrors() {
        let yaml = baseRulebook + """
            readiness: {require: [email, compnay, matched_account], free_email_domains: block, extra_free_email_domains: [gmx]}
            duplicates: {match_on: [emial], window: 3x, action: delete}
            accounts: {match_on: domains}
            sla: {accept_within: 30m, on_breach: escalate, remind_before: 45m, notify: sometimes}
            """
        let r = load(yaml)
        expectDiagnostic(r, at: spot(of: "compnay", in: yaml), "unknown field 'compnay' in readiness require; did you mean 'company'?")
        expectDiagnostic(r, at: spot(of: "matched_account", in: yaml), "'matched_account' is worked out by the router, not entered on a lead")
        expectDiagnostic(r, at: spot(of: "block", in: yaml), "unknown free_email_domains policy 'block'; use one of: flag, allow")
        expectDiagnostic(r, at: spot(of: "gmx", in: yaml), "'gmx' is not a domain; write e.g. mailbox.org")
        expectDiagnostic(r, at: spot(of: "emial", in: yaml), "unknown field 'emial' in duplicates match_on; did you mean 'email'?")
        expectDiagnostic(r, at: spot(of: "3x", in: yaml), "bad duration '3x' for duplicates window; use e.g. 30m, 4h, 2d")
        expectDiagnostic(r, at: spot(of: "delete", in: yaml), "unknown duplicates action 'delete'; use one of: flag, ignore")
        expectDiagnostic(r, at: spot(of: "domains}", in: yaml), "unknown accounts match_on 'domains'; did you mean 'domain'?")
        expectDiagnostic(r, at: spot(of: "escalate", in: yaml), "unknown on_breach action 'escalate'; use one of: reroute, flag")
        expectDiagnostic(r, at: spot(of: "45m", in: yaml), "remind_before (45m) must be shorter than accept_within (30m)")
        expectDiagnostic(r, at: spot(of: "sometimes", in: yaml), "notify must be true or false; found 'sometimes'")
        #expect(r.errors.count == 11, "\(r.errors)")
    }

    @Test func routeErrors() {
        let yaml = baseRulebook.replacingOccurrences(of: "no_route", with: "no_rout") + """
            routes:
              - name: a
                pol: main
              - name: a
                pool: mian
                mode: manual
              - {when: {country: US}, pool: main}
              - name: b
                pool: main
                sla: {on_breach: flag}
            """
        let r = load(yaml)
        expectDiagnostic(r, at: spot(of: "no_rout", in: yaml), "unknown exception reason 'no_rout'; did you mean 'no_route'?")
        expectDiagnostic(r, at: (11, 5), "unknown key 'pol' in route; did you mean 'pool'?")
        expectDiagnostic(r, at: (10, 5), "route 'a' needs 'pool'")
        expectDiagnostic(r, at: (12, 11), "duplicate route name 'a'; it was first used on line 10")
        expectDiagnostic(r, at: spot(of: "mian", in: yaml), "unknown pool 'mian' in route 'a'; did you mean 'main'?")
        expectDiagnostic(r, at: spot(of: "manual", in: yaml), "unknown mode 'manual' in route 'a'; use one of: auto, review")
        expectDiagnostic(r, at: (15, 5), "a route needs 'name'")
        expectDiagnostic(r, at: spot(of: "{on_breach", in: yaml), "sla of route 'b' needs 'accept_within'")
        #expect(r.errors.count == 8, "\(r.errors)")
    }

    @Test func fallbackErrors() {
        func fallback(_ text: String) -> (RulebookLoad, String) {
            let yaml = baseRulebook.replacingOccurrences(of: "fallback: {flag: no_route}", with: "fallback: \(text)")
            return (load(yaml), yaml)
        }
        var (r, yaml) = fallback("{flag: no_route, pool: main}")
        expectDiagnostic(r, at: valueSpot(of: "fallback", in: yaml), "fallback takes either 'flag' or 'pool', not both")
        (r, yaml) = fallback("{pool: nain}")
        expectDiagnostic(r, at: spot(of: "nain", in: yaml), "unknown pool 'nain' in fallback; did you mean 'main'?")
        (r, yaml) = fallback("{mode: review}")
        expectDiagnostic(r, at: valueSpot(of: "fallback", in: yaml), "fallback needs 'flag' or 'pool'")
        (r, yaml) = fallback("{flag: no_route, mode: review}")
        expectDiagnostic(r, at: spot(of: "mode", in: yaml), "'mode' only goes with a fallback pool")
        (r, yaml) = fallback("no_route")
        expectDiagnostic(r, at: valueSpot(of: "fallback", in: yaml), "fallback must be a mapping, e.g. {flag: no_route} or {pool: emea-enterprise}; found 'no_route'")
    }

    @Test func conditionErrors() {
        func check(_ when: String, _ part: String, _ message: String, _ severity: Diagnostic.Severity = .error,
                   sourceLocation: SourceLocation = #_sourceLocation) {
            let r = load(routeYAML(when: when))
            expectDiagnostic(r, severity, line: 11, column: whenColumn(part, in: when), message, sourceLocation: sourceLocation)
            #expect(r.errors.count == (severity == .error ? 1 : 0), "\(r.errors)", sourceLocation: sourceLocation)
        }
        check("{countyr: DE}", "countyr", "unknown field 'countyr' in when of route 'r'; did you mean 'country'?")
        check("{segment: smb}", "segment", "unknown field 'segment' in when of route 'r'; use a lead field such as country or employees, attributes.NAME, or any, all, not")
        check(#"{country: "< 200"}"#, "\"<", "country is a text field; compare it with a value or a list")
        check("{country: between 1 and 2}", "between", "country is a text field; compare it with a value or a list")
        check("{matched_account: yes please}", "yes", "matched_account is a true/false field; write true or false")
        check("{employees: between 500 and 50}", "between", "bad range 'between 500 and 50': 500 is larger than 50")
        check("{employees: between 5 or 50}", "between", "bad range 'between 5 or 50'; write e.g. 'between 50 and 200'")
        check(#"{title: {matches: "ab(c"}}"#, "\"ab", "bad regular expression 'ab(c': expected ')'")
        check(#"{employees: ">= lots"}"#, "\">=", "bad number 'lots' in '>= lots'")
        check("{employees: many}", "many", "employees is a number field; use a number or a comparison such as '>= 1000', not 'many'")
        check("{employees: {matches: '1.*'}}", "'1", "matches works on text fields; employees is a number field")
        check("{received_at: 2026}", "2026", "received_at is a time field; only {exists: true} or {exists: false} apply")
        check("{email: ~}", "~", "email needs a value")
        check("{country: {not: US, in: [CA]}}", "{not", "a test on country takes exactly one of matches, exists, not, in; found not, in")
        check("{country: {nto: US}}", "nto", "unknown key 'nto' in test on country; did you mean 'not'?")
        check("{country: {exists: maybe}}", "maybe", "exists on country must be true or false")
        check("{country: []}", "[]", "empty list for country; list at least one value")
        check("{country: [US, [CA]]}", "[CA]", "list items for country must be single values; found a list")
        check("{any: {country: US}}", "{country", "'any' must be a list")
        check("{all: []}", "[]", "'all' needs at least one condition")
        check("{any: [{country: US}, country]}", "country]", "each item of 'any' is a mapping of conditions such as {country: US}; found 'country'")
        check("{not: [US]}", "[US]", "'not' takes a mapping of conditions, e.g. not: {country: US}; found a list")
        check("[country]", "[", "when of route 'r' must be a mapping")
        check("{country: Germny}", "Germny", "unknown country 'Germny'; did you mean 'Germany'?", .warning)
    }

    @Test func unknownCountryOnlyWarns() {
        let r = load(routeYAML(when: "{country: [DE, Atlantis]}"))
        #expect(r.errors.isEmpty)
        #expect(r.rulebook?.routes.first?.when == .field(.country, .oneOf([.text("DE"), .text("Atlantis")])))
        #expect(r.warnings.map(\.message) == ["unknown country 'Atlantis'; use a country name or ISO code such as DE"])
    }

    @Test func topLevelErrors() {
        var r = load("owners: []\n")
        expectDiagnostic(r, line: 1, column: 1, "the rulebook needs 'version', e.g. 'version: 1'")
        expectDiagnostic(r, line: 1, column: 1, "the rulebook needs 'name', e.g. 'name: Acme inbound'")

        r = load(baseRulebook.replacingOccurrences(of: "version: 1", with: "version: 2"))
        expectDiagnostic(r, line: 1, column: 10, "unsupported version '2'; this tool reads 'version: 1'")

        var yaml = baseRulebook + "rutes: []\n"
        r = load(yaml)
        expectDiagnostic(r, at: spot(of: "rutes", in: yaml), "unknown key 'rutes' in the rulebook; did you mean 'routes'?")

        yaml = baseRulebook + "colour: blue\n"
        r = load(yaml)
        expectDiagnostic(r, at: spot(of: "colour", in: yaml), "unknown key 'colour' in the rulebook; use one of: version, name, timezone")

        yaml = baseRulebook + "routes: {name: a}\n"
        r = load(yaml)
        expectDiagnostic(r, at: valueSpot(of: "routes", in: yaml), "routes must be a list, e.g. [{name: na-smb, when: {country: US}, pool: na-smb}]; found a mapping")

        yaml = "version: 1\nname: T\npools: [main]\nfallback: {flag: no_route}\n"
        r = load(yaml)
        expectDiagnostic(r, line: 3, column: 8, "pools must be a mapping, e.g. {na-smb: {method: round_robin, members: [ana, ben]}}; found a list")

        r = load("[1, 2]\n")
        expectDiagnostic(r, line: 1, column: 1, "the rulebook must be a mapping")
    }

    @Test func duplicateKeysAreReportedAtTheRepeat() {
        let yaml = """
            version: 1
            name: Test
            owners:
              - {id: ana, name: Ana, id: bob}
            pools:
              main: {method: round_robin, members: [ana]}
            name: Other
            fallback: {flag: no_route}
            fallback: {flag: manual}
            """
        let r = load(yaml)
        expectDiagnostic(r, line: 4, column: 26, "duplicate key 'id' in owner; it was first given on line 4")
        expectDiagnostic(r, line: 7, column: 1, "duplicate key 'name' in the rulebook; it was first given on line 2")
        expectDiagnostic(r, line: 9, column: 1, "duplicate key 'fallback' in the rulebook; it was first given on line 8")
        #expect(r.errors.count == 3, "\(r.errors)")
    }

    /// A repeat inside a part that is not read (here an unknown key) is still an error, at the first occurrence.
    @Test func duplicateKeyInAnUnreadPart() {
        let r = load(baseRulebook + "extra: {a: 1, a: 2}\n")
        expectDiagnostic(r, line: 9, column: 1, "unknown key 'extra' in the rulebook")
        expectDiagnostic(r, line: 9, column: 9, "duplicate key 'a'; each key may appear once in a mapping")
        #expect(r.rulebook == nil)
    }

    @Test func quotedDuplicateKey() {
        let r = load(baseRulebook + "\"name\": Other\n")
        expectDiagnostic(r, line: 9, column: 1, "duplicate key 'name' in the rulebook; it was first given on line 2")
    }

    @Test func yamlSyntaxErrorsHaveAPosition() {
        var r = load("version: 1\nname: [Acme\nowners: []\n")
        #expect(r.rulebook == nil)
        #expect(r.errors.count == 1)
        expectDiagnostic(r, line: 3, column: 7, "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence on line 2)")

        r = load("version: 1\nname: a: b\n")
        expectDiagnostic(r, line: 2, column: 8, "invalid YAML: mapping values are not allowed in this context")

        r = load("version: 1\n  name: x\n")
        #expect(r.errors.first?.line == 2)
    }

    @Test func emptyFile() {
        let r = load("# nothing yet\n")
        expectDiagnostic(r, line: 1, column: 1, "the file is empty")
    }

    @Test func everyErrorIsReportedAtOnceInFileOrder() {
        let yaml = """
            version: 1
            name: Test
            timezone: Mars/Olympus
            owners:
              - {id: ana, capacity: -1}
            pools:
              main: {method: round_robin, members: [ana, zed]}
            routes:
              - {name: r, when: {countyr: DE}, pool: main}
            sla: {accept_within: soon}
            """
        let r = load(yaml)
        #expect(r.rulebook == nil)
        #expect(r.errors.map(\.line) == [3, 5, 7, 9, 10])
        #expect(r.errors.map(\.description) == [
            "r.yaml:3:11: error: unknown time zone 'Mars/Olympus'; use an IANA name such as Europe/Berlin or America/New_York",
            "r.yaml:5:25: error: owner 'ana' capacity must be a whole number from 1 to 100,000 (leave it out for no limit); found '-1'",
            "r.yaml:7:46: error: unknown owner 'zed' in pool 'main'; use one of: ana",
            "r.yaml:9:22: error: unknown field 'countyr' in when of route 'r'; did you mean 'country'?",
            "r.yaml:10:22: error: bad duration 'soon' for accept_within; use e.g. 30m, 4h, 2d",
        ])
    }
}
