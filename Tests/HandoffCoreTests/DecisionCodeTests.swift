import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// The stored binary form must mean exactly what the JSON form means.
@Suite struct DecisionCodeTests {
    /// What the JSON form keeps of `d` (the internal placement and duplicate key are in neither form).
    static func viaJSON(_ d: Decision) throws -> Decision {
        try JSONDecoder().decode(Decision.self, from: Data(DecisionJSON.encode(d).utf8))
    }

    static func viaCode(_ d: Decision) throws -> Decision {
        try DecisionCode.decode(DecisionCode.encode(d), leadId: d.leadId, rulebookVersion: d.rulebookVersion)
    }

    static func sameAsJSON(_ d: Decision) throws -> Bool { try viaCode(d) == viaJSON(d) }

    /// A case's name, as `String(describing:)` starts it.
    static func caseName(_ value: Any) -> String { String(String(describing: value).prefix(while: { $0 != "(" })) }

    static let allSteps: Set = ["unreadable", "notReady", "duplicate", "account", "route", "noRoute", "misses", "fallbackPool", "handover", "pool"]
    static let allPassReasons: Set = ["inactive", "outOfOffice", "holiday", "paused", "offHours", "atCapacity", "notNextInTurn",
                                      "aheadOfShare", "higherLoad", "tiedLaterInOrder", "previousOwner"]

    /// A decision with every step and every pass reason, the capacity and load reasons both repeating the
    /// candidate's numbers and not, and every optional present.
    static var everything: Decision {
        var d = Router.decide(Fixtures.lead("L1"), in: RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday))
        d.owner = "ben"; d.route = "enterprise-emea"; d.pool = "emea-enterprise"; d.duplicateOf = "L0"; d.account = "globex.de"
        d.exceptions = [ExceptionNote(.duplicateSuspect, "same email as L0"), ExceptionNote(.reviewRequired, "route r asks for approval")]
        d.inputs = DecisionInputs(pools: [
            PoolInput(pool: "emea-enterprise", cursor: 2, assigned: [3, 0, 7], excused: [0, 1_500, -250]),
            PoolInput(pool: "na-smb", cursor: 0, assigned: [], excused: []),
        ])
        d.trace.steps = [
            .unreadable([FieldProblem(field: "employees", value: "lots", message: "not a number"),
                         FieldProblem(field: "score", value: "", message: "empty")]),
            .notReady(.missingField, detail: "missing company"),
            .notReady(.freeEmail, detail: "gmail.com is a free email domain"),
            .duplicate(of: "L0", key: "jo@globex.de", ignored: false),
            .duplicate(of: "L0", key: "jo@globex.de", ignored: true),
            .account(domain: "globex.de", name: "Globex GmbH", owner: "ben"),
            .account(domain: "initech.de", name: "Initech", owner: nil),
            .route(name: "enterprise-emea", because: [
                MatchFact(field: "country", text: "DE"),
                MatchFact(field: "employees", number: 4_200, test: ">= 1000"),
                MatchFact(field: "score", number: 12.75, test: "between 1.5 and 99"),
                MatchFact(field: "matched_account", flag: true),
                MatchFact(field: "free_email", flag: false),
                MatchFact(field: "website", test: "present"),
                MatchFact(field: "everything", text: "t", number: -3, flag: true, test: "x"),
            ], mode: .review),
            .route(name: "auto-route", because: [], mode: .auto),
            .noRoute(tried: 4),
            .misses([RouteMiss(route: "enterprise-emea", why: "employees is 4, wanted >= 1000"), RouteMiss(route: "na-smb", why: "country is GB, wanted in [US, CA]")]),
            .misses([]),
            .fallbackPool("emea-enterprise"),
            .handover(from: "named-accounts", to: "emea-enterprise", because: "account owner ben is away"),
            .pool(name: "emea-enterprise", method: .loadBalanced, candidates: [
                Candidate(owner: "ana", open: 3, capacity: 40, passedOver: .offHours(local: "05:10", zone: "America/Sao_Paulo")),
                Candidate(owner: "ben", open: 2, capacity: 30, passedOver: nil),
                Candidate(owner: "chloe", open: 0, capacity: nil, passedOver: .outOfOffice(until: "2027-01-04")),
                Candidate(owner: "dan", open: 1, capacity: 60, passedOver: .holiday(name: "day off", day: "2026-12-07")),
                Candidate(owner: "eve", open: 1, capacity: 60, passedOver: .paused(text: "paused by lena: lunch")),
                Candidate(owner: "fay", open: 0, capacity: 5, passedOver: .inactive),
                Candidate(owner: "gus", open: 30, capacity: 30, passedOver: .atCapacity(open: 30, capacity: 30)),
                Candidate(owner: "hal", open: 31, capacity: nil, passedOver: .atCapacity(open: 31, capacity: 30)),
                Candidate(owner: "ivy", open: 9, capacity: 10, passedOver: .atCapacity(open: 10, capacity: 10)),
                Candidate(owner: "jon", open: 4, capacity: 30, passedOver: .higherLoad(open: 4, capacity: 30)),
                Candidate(owner: "kim", open: 4, capacity: nil, passedOver: .higherLoad(open: 4, capacity: nil)),
                Candidate(owner: "lou", open: 4, capacity: 30, passedOver: .higherLoad(open: 5, capacity: nil)),
                Candidate(owner: "max", open: 4, capacity: nil, passedOver: .higherLoad(open: 4, capacity: 30)),
                Candidate(owner: "ned", open: 4, capacity: 30, passedOver: .higherLoad(open: 4, capacity: 31)),
                Candidate(owner: "ola", open: 2, capacity: 30, passedOver: .tiedLaterInOrder),
                Candidate(owner: "pia", open: 2, capacity: 30, passedOver: .previousOwner),
            ]),
            .pool(name: "na-smb", method: .roundRobin, candidates: [
                Candidate(owner: "dan", open: 0, capacity: 60, passedOver: .notNextInTurn),
                Candidate(owner: "eve", open: 0, capacity: 60, passedOver: .aheadOfShare(assigned: 3, weight: 2)),
            ]),
            .pool(name: "w", method: .weighted, candidates: []),
            .pool(name: "a", method: .accountOwner, candidates: [Candidate(owner: "ben", open: 0, capacity: nil, passedOver: nil)]),
        ]
        return d
    }

    @Test func everyStepAndPassReasonRoundTrips() throws {
        let d = Self.everything
        #expect(Set(d.trace.steps.map(Self.caseName)) == Self.allSteps)
        #expect(Set(d.candidates.compactMap { $0.candidate.passedOver.map(Self.caseName) }) == Self.allPassReasons)
        #expect(try Self.sameAsJSON(d))
    }

    @Test func optionalFieldsAbsent() throws {
        var d = Self.everything
        d.owner = nil; d.route = nil; d.pool = nil; d.duplicateOf = nil; d.account = nil; d.inputs = nil
        d.exceptions = []
        #expect(try Self.sameAsJSON(d))
        d.trace.steps = []
        #expect(try Self.sameAsJSON(d))
        // An inputs record with no pools is not the same as none.
        d.inputs = DecisionInputs()
        #expect(try Self.viaCode(d).inputs == DecisionInputs())
        #expect(try Self.sameAsJSON(d))
    }

    @Test func textNeedingEscapesAndUnicode() throws {
        let odd = ["quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} del \u{7F}", "Grüße 東京 🎉 👩‍👩‍👧",
                   "e\u{301} and é", "", " ", String(repeating: "long ", count: 80), String(repeating: "ž", count: 100)]
        var d = Self.everything
        d.owner = odd[0]
        d.route = odd[1]
        d.pool = odd[6]
        d.exceptions = odd.map { ExceptionNote(.manual, $0) }
        d.trace.steps.append(.misses(odd.map { RouteMiss(route: $0, why: $0 + $0) }))
        d.trace.steps.append(.pool(name: odd[5], method: .weighted, candidates: CandidateList(odd.map {
            Candidate(owner: $0, open: 1, capacity: nil, passedOver: .paused(text: $0))
        })))
        #expect(try Self.sameAsJSON(d))
        // Composed and decomposed accents compare equal as Strings; the bytes must survive as written too.
        let back = try Self.viaCode(d)
        #expect(back.exceptions.map { Array($0.detail.utf8) } == odd.map { Array($0.utf8) })
    }

    @Test func largeNegativeAndEdgeNumbers() throws {
        var d = Self.everything
        let ints = [0, 1, -1, 63, 64, -64, -65, 127, 128, 16_383, 16_384, Int(Int32.max), Int(Int32.min), Int.max, Int.min, Int.max - 1, Int.min + 1]
        d.inputs = DecisionInputs(pools: [PoolInput(pool: "p", cursor: Int.min, assigned: ints, excused: ints.reversed())])
        d.trace.steps.append(.noRoute(tried: Int.max))
        d.trace.steps.append(.pool(name: "p", method: .weighted, candidates: CandidateList(ints.map {
            Candidate(owner: "o\($0)", open: $0, capacity: ~$0, passedOver: .aheadOfShare(assigned: $0, weight: Int.min))
        })))
        let numbers: [Double] = [0, 1, -1, 12.75, 0.1, -3.5, 1e-300, 1e300, -1e300, 4_200, 1_000_000_000, 0x1p53 - 1, -(0x1p53 - 1), 0x1p53, 0x1p60,
                                 -0x1p60, .leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude]
        d.trace.steps.append(.route(name: "n", because: numbers.map { MatchFact(field: "score", number: $0) }, mode: .auto))
        for at in [817_223_400, 817_223_400.5, 12_345.678, -978_307_200, 0, 1e15, -2.5e-7] {
            d.decidedAt = Date(timeIntervalSinceReferenceDate: at)
            #expect(try Self.sameAsJSON(d))
        }
    }

    /// Values JSON cannot carry still come back bit for bit.
    @Test func doublesComeBackExactly() throws {
        let values: [Double] = [-0.0, .nan, -.nan, .infinity, -.infinity, .signalingNaN, 0.1 + 0.2, .leastNonzeroMagnitude, 0x1p53, -0x1p53]
        var d = Self.everything
        d.trace.steps = [.route(name: "n", because: values.map { MatchFact(field: "score", number: $0) }, mode: .auto)]
        for at in values {
            d.decidedAt = Date(timeIntervalSinceReferenceDate: at)
            let back = try Self.viaCode(d)
            #expect(back.decidedAt.timeIntervalSinceReferenceDate.bitPattern == at.bitPattern)
            guard case .route(_, let facts, _) = back.trace.steps[0] else { Issue.record("not a route"); return }
            #expect(facts.map { $0.number?.bitPattern } == values.map(\.bitPattern))
        }
    }

    @Test func leadIdAndRulebookVersionComeFromTheRow() throws {
        let d = Self.everything
        let back = try DecisionCode.decode(DecisionCode.encode(d), leadId: "L-0000042", rulebookVersion: "abc")
        #expect(back.leadId == "L-0000042" && back.rulebookVersion == "abc")
        var expected = try Self.viaJSON(d)
        expected.leadId = "L-0000042"; expected.rulebookVersion = "abc"
        #expect(back == expected)
    }

    /// Decisions of the real router: the synthetic workspace (big pools, accounts, misses, handovers)
    /// and the demo's example rulebook over a working day.
    @Test func routedDecisionsRoundTrip() throws {
        let workspace = SyntheticWorkspace.generate(seed: 4, owners: 80, pools: 8, routes: 50, accounts: 300)
        var rulebook = workspace.rulebook
        rulebook.routes.removeLast(10) // leave some leads without a route, for misses
        var context = RoutingContext(rulebook: rulebook, now: Fixtures.monday, accounts: AccountDirectory(workspace.accounts))
        var stream = LeadStream(seed: 4, accounts: workspace.accounts, start: Fixtures.monday)
        var steps = Set<String>(), reasons = Set<String>()
        var codeBytes = 0, jsonBytes = 0
        for _ in 0..<3_000 {
            let d = context.route(stream.next())
            #expect(try Self.sameAsJSON(d))
            steps.formUnion(d.trace.steps.map(Self.caseName))
            reasons.formUnion(d.candidates.compactMap { $0.candidate.passedOver.map(Self.caseName) })
            codeBytes += DecisionCode.encode(d).count
            jsonBytes += DecisionJSON.encode(d).utf8.count
        }
        #expect(steps.isSuperset(of: ["unreadable", "notReady", "duplicate", "account", "route", "noRoute", "misses", "handover", "pool"]))
        #expect(reasons.count >= 4)
        #expect(codeBytes * 3 < jsonBytes)

        let demo = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
        let start = ISO8601DateFormatter().date(from: "2026-11-24T06:00:00Z")!
        let run = DemoRun.run(demo, DemoRun.Settings(seed: 7, leads: 2_000, start: start))
        for row in run.rows { #expect(try Self.sameAsJSON(row.decision)) }
    }

    /// Past the strings the writer's table holds, strings are written in full, and references to the
    /// earlier ones still point at the right string.
    @Test func moreStringsThanTheTableHolds() throws {
        var d = Self.everything
        let misses = (0..<300).map { RouteMiss(route: "route-\($0)", why: "why \($0 % 150)") }
        d.trace.steps += [.misses(misses), .misses(misses.reversed())]
        d.owner = "route-0"
        d.pool = "route-299"
        #expect(try Self.sameAsJSON(d))
    }

    /// Owner ids, pools and routes repeat within a decision: each is written once.
    @Test func repeatedStringsAreWrittenOnce() {
        let d = Self.everything
        let code = DecisionCode.encode(d)
        for text in ["emea-enterprise", "enterprise-emea", "America/Sao_Paulo", "jo@globex.de"] {
            #expect(occurrences(of: Array(text.utf8), in: code) == 1, "\(text)")
        }
    }

    func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard haystack.count >= needle.count else { return 0 }
        return (0...(haystack.count - needle.count)).count { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
