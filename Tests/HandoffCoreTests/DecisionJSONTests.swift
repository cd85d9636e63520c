import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// The hand-written encoder must produce what the synthesized Codable conformance reads back.
@Suite struct DecisionJSONTests {
    func roundTrips(_ d: Decision) throws -> Bool {
        let back = try JSONDecoder().decode(Decision.self, from: Data(DecisionJSON.encode(d).utf8))
        return back == Self.stored(d)
    }

    /// What a stored decision keeps (the internal placement and duplicate key are not stored).
    static func stored(_ d: Decision) -> Decision {
        try! JSONDecoder().decode(Decision.self, from: JSONEncoder().encode(d))
    }

    @Test func everyStepAndReasonShapeRoundTrips() throws {
        let workspace = SyntheticWorkspace.generate(seed: 4, owners: 80, pools: 8, routes: 50, accounts: 300)
        var rulebook = workspace.rulebook
        rulebook.routes.removeLast(10) // leave some leads without a route, for misses
        var context = RoutingContext(rulebook: rulebook, now: Fixtures.monday, accounts: AccountDirectory(workspace.accounts))
        var stream = LeadStream(seed: 4, accounts: workspace.accounts, start: Fixtures.monday)
        var seen = Set<String>()
        for _ in 0..<3_000 {
            let d = context.route(stream.next())
            #expect(try roundTrips(d))
            for step in d.trace.steps { seen.insert(String(describing: step).prefix(while: { $0 != "(" }).description) }
        }
        #expect(seen.isSuperset(of: ["unreadable", "notReady", "duplicate", "account", "route", "noRoute", "misses", "handover", "pool"]))
    }

    @Test func escapingAndOddValues() throws {
        var d = Router.decide(Fixtures.lead("L\"1\\\n\t\u{1}", company: nil), in: RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday))
        d.exceptions.append(ExceptionNote(.manual, "quote \" backslash \\ newline \n tab \t bell \u{7} — Grüße 東京 🎉"))
        d.trace.steps.append(.fallbackPool("na-smb"))
        d.trace.steps.append(.pool(name: "p", method: .weighted, candidates: [
            Candidate(owner: "a", open: 0, capacity: nil, passedOver: .higherLoad(open: 3, capacity: nil)),
            Candidate(owner: "b", open: 1, capacity: 5, passedOver: .aheadOfShare(assigned: 2, weight: 3)),
            Candidate(owner: "c", open: 1, capacity: 5, passedOver: .tiedLaterInOrder),
            Candidate(owner: "d", open: 1, capacity: 5, passedOver: .previousOwner),
            Candidate(owner: "f", open: 9, capacity: 5, passedOver: .atCapacity(open: 9, capacity: 5)),
        ]))
        d.trace.steps.append(.route(name: "r", because: [MatchFact(field: "score", number: 12.75, test: "> 1.5"), MatchFact(field: "free_email", flag: false)], mode: .review))
        d.decidedAt = Date(timeIntervalSinceReferenceDate: 12345.678)
        #expect(try roundTrips(d))
    }
}
