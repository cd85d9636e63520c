import Foundation
import Testing
@testable import HandoffCore

/// Rulebooks a hostile or careless author could write: each is refused with its position, or routes
/// without trapping or stalling.
@Suite struct HostileRulebookTests {
    static func owners(weight: String = "1", capacity: String = "10") -> String {
        """
        version: 1
        name: Test
        owners:
          - {id: ana, weight: \(weight), capacity: \(capacity)}
          - {id: ben}
        pools:
          main: {method: weighted, members: [ana, ben]}
        routes:
          - {name: all, when: {}, pool: main}
        fallback: {flag: no_route}
        """
    }

    @Test func weightAndCapacityOutsideTheirRangesAreRefusedWhereWritten() {
        for weight in ["9223372036854775807", "1000000000000000", "10001"] {
            let yaml = Self.owners(weight: weight)
            expectDiagnostic(load(yaml), at: valueSpot(of: "weight", in: yaml), "owner 'ana' weight must be a whole number from 1 to 10,000; found '\(weight)'")
        }
        for capacity in ["9223372036854775807", "100001"] {
            let yaml = Self.owners(capacity: capacity)
            expectDiagnostic(load(yaml), at: valueSpot(of: "capacity", in: yaml),
                             "owner 'ana' capacity must be a whole number from 1 to 100,000 (leave it out for no limit); found '\(capacity)'")
        }
        #expect(load(Self.owners(weight: "10000", capacity: "100000")).errors.isEmpty)
    }

    /// The largest weights and capacities against a ledger of a billion leads: no product overflows.
    @Test func largestWeightsAndCapacitiesRouteWithoutOverflow() {
        for method in [DistributionMethod.weighted, .loadBalanced, .roundRobin] {
            let rulebook = PoolMethodTests.rulebook(method, weights: [Owner.maximumWeight, 1], capacities: [Owner.maximumCapacity, 1], count: 2)
            var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
            ctx.state.assigned[0] = [1_000_000_000, 1]
            ctx.state.openLoad = [Owner.maximumCapacity - 100, 0]
            let decisions = PoolMethodTests.leads(50).map { ctx.route($0) }
            let assigned = decisions.filter { $0.isAssigned }.count
            #expect(assigned == 50, "\(method)")
            var ledger = PoolLedger()
            ledger.assigned = ["p": ["o0": 1_000_000_000, "o1": 1]]
            let fairness = Fairness.ledger(rulebook, ledger)
            #expect(fairness.first?.members.count == 2)
        }
    }

    @Test func nestedRepeatsAreFound() {
        let risky = ["(a+)+$", "(a+)+", #"(\w+\s?)*$"#, "(x*){2,}", "((ab)*c)+", "^(a|b+)*c", "(?:a+)+"]
        for source in risky { #expect(PatternRisk.nestedRepeat(in: source) != nil, "\(source)") }
        #expect(PatternRisk.nestedRepeat(in: "^x(a+)+$") == "(a+)+")
        let safe = ["^acme", "(a|b)+", "a+b+", "[(a+)]+", #"\(a+\)+"#, "(?>a+)+", "(a+)++", "(ab){2,5}", "(a+){2}", #"^[\w.]+@(gmail|yahoo)\.com$"#]
        for source in safe { #expect(PatternRisk.nestedRepeat(in: source) == nil, "\(source)") }
    }

    @Test func rulebookRefusesABacktrackingPatternWhereWritten() {
        let yaml = """
            version: 1
            name: Test
            owners: [{id: ana}]
            pools: {main: {method: round_robin, members: [ana]}}
            routes:
              - {name: a, when: {company: {matches: "(a+)+$"}}, pool: main}
            fallback: {flag: no_route}
            """
        expectDiagnostic(load(yaml), at: valueSpot(of: "matches", in: yaml),
                         "regular expression '(a+)+$' repeats a group that itself repeats, (a+)+, which can take minutes")
    }

    /// Whatever gets past the loader, a match is bounded: an exponential pattern gives up as no match,
    /// and a value is matched on its first `textLimit` characters.
    @Test func matchIsBoundedWhateverThePattern() throws {
        let exponential = try Pattern("(a|aa)+$")
        let started = ContinuousClock.now
        #expect(!exponential.matches(String(repeating: "a", count: 60) + "!"))
        #expect(exponential.matches("aaaa"))
        // Unbounded, this takes longer than the age of the universe; bounded, a few milliseconds (generous margin for a loaded machine).
        #expect(ContinuousClock.now - started < .seconds(20))
        let prefix = try Pattern("^x+y")
        #expect(prefix.matches(String(repeating: "x", count: 10) + "y"))
        #expect(!prefix.matches(String(repeating: "x", count: Pattern.textLimit) + "y"))
    }

    /// Nine levels of aliases, nine copies each: about 1 KB that stands for 387 million values.
    static let aliasBomb = """
        version: 1
        name: bomb
        owners: [{id: ana}]
        pools: {main: {method: round_robin, members: [ana]}}
        routes:
          - name: a
            pool: main
            when:
              a: &a [x, x, x, x, x, x, x, x, x]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
              e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
              f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
              g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
              h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
              i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        fallback: {flag: no_route}
        """

    @Test func aliasExpansionIsRefusedWithinItsBudget() {
        let started = ContinuousClock.now
        let r = load(Self.aliasBomb)
        #expect(r.rulebook == nil)
        #expect(r.errors.count == 1)
        #expect(r.errors.first?.message.contains("more than 200,000 values once its aliases (*name) are expanded") == true, "\(r.diagnostics)")
        #expect((r.errors.first?.line ?? 0) >= 9, "\(r.diagnostics)")
        #expect(ContinuousClock.now - started < .seconds(20))
        // Aliases within the budget still work.
        let small = """
            version: 1
            name: small
            owners: [{id: ana}]
            pools: {main: {method: round_robin, members: [ana]}}
            routes:
              - {name: a, when: {country: &eu [DE, FR]}, pool: main}
              - {name: b, when: {country: *eu, employees: "> 10"}, pool: main}
            fallback: {flag: no_route}
            """
        #expect(load(small).errors.isEmpty, "\(load(small).diagnostics)")
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let r = load("version: 1\nname: deep\nx: " + deep + "\n")
        #expect(r.errors.first?.message.contains("nested more than 64 levels") == true, "\(r.diagnostics)")
    }

    @Test func numbersThatOverflowToInfinityAreNoNumbers() {
        for text in ["1e308bn", "$1e308bn", "9e307k", "1e309", "-1e308bn", String(repeating: "9", count: 400), "inf", "nan"] {
            #expect(NumberText.parse(text) == nil, "\(text)")
        }
        #expect(NumberText.parse("1e307") == 1e307)
        #expect(NumberText.parse("$4.5M") == 4_500_000)
        let n = Normalizer.normalize(Lead(id: "L1", receivedAt: Fixtures.tuesdayAfternoon, employees: "$1e308bn", annualRevenue: "1e308bn", score: "9e307k"))
        #expect(n.employees == nil && n.annualRevenue == nil && n.score == nil)
        #expect(Set(n.problems.map(\.field)) == ["employees", "annual_revenue", "score"])
        // A route condition cannot name such a number either.
        #expect(!load(routeYAML(when: #"{employees: ">= 1e308bn"}"#)).errors.isEmpty)
    }
}
