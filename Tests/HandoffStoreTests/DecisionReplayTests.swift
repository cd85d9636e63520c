import Foundation
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffStoreContractTests

/// Replays of hand-made decisions: what differs is named, and what cannot be replayed is refused.
@Suite struct DecisionReplayTests {
    @Test func aDecisionWhoseInputsDoNotFitIsShownAsADifference() throws {
        let rulebook = ReplayAndFairnessTests.pooled
        var context = RoutingContext(rulebook: rulebook, now: tuesday)
        let lead = Lead(id: "L1", receivedAt: tuesday, email: "jo@initech.com", company: "Initech", country: "US", employees: "40")
        for i in 0..<3 { _ = context.route(Lead(id: "E\(i)", receivedAt: tuesday, email: "e\(i)@corp.com", company: "Corp", country: "US", employees: "40")) }
        var stored = Router.decide(lead, in: context)
        let replayed = Router.decide(lead, in: try DecisionReplay.context(for: stored, rulebook: rulebook, earlier: nil))
        #expect(DecisionReplay.differences(stored: stored, replayed: replayed).isEmpty)
        // Recorded shares that would have sent it elsewhere: the replay names what changed.
        let owner = try #require(stored.owner)
        stored.inputs!.pools[0].assigned = owner == "dan" ? [50, 0] : [0, 50]
        let other = Router.decide(lead, in: try DecisionReplay.context(for: stored, rulebook: rulebook, earlier: nil))
        let differences = DecisionReplay.differences(stored: stored, replayed: other)
        #expect(differences.first == "owner: stored \(owner), replayed \(owner == "dan" ? "eve" : "dan")")
        #expect(differences.contains { $0.hasPrefix("- ") } && differences.contains { $0.hasPrefix("+ ") })
        // A decision kept without inputs (an older version) is refused, not guessed.
        stored.inputs = nil
        #expect(throws: DecisionReplay.Refusal.noInputs) { try DecisionReplay.context(for: stored, rulebook: rulebook, earlier: nil) }
    }
}
