import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing

/// A lead's decision as stored, read back with the meaning it was made with, on every engine.
@Suite(.dropsItsDatabases) struct StoredDecisionTests {
    /// What the JSON form keeps of a decision: the meaning the stored one must have.
    static func viaJSON(_ d: Decision) throws -> Decision {
        try JSONDecoder().decode(Decision.self, from: Data(DecisionJSON.encode(d).utf8))
    }

    @Test(arguments: Engine.available)
    func routedDecisionsReadBackWhole(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming(streamLeads(400, seed: 5)), quarantine: [], at: tuesday, actor: "import")
            var context = RoutingContext(rulebook: exampleRulebook, now: tuesday)
            let decisions = try store.routeQueued(limit: 10_000, at: tuesday) { queued in queued.map { context.route($0.lead) } }.decisions
            #expect(decisions.count == 400)
            for d in decisions {
                #expect(try store.lead(d.leadId)?.decision == Self.viaJSON(d))
            }
        }
    }

    @Test(arguments: Engine.available)
    func routedImportsReadBackWhole(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let result = try desk.importRouting(actor: "import") { feed in
                for lead in incoming(streamLeads(200, seed: 8)) { try feed.add(lead) }
            }
            #expect(result.stored.accepted == 200)
            let listed = try store.leads(LeadFilter(limit: 500))
            #expect(listed.count == 200 && listed.allSatisfy { $0.decision?.leadId == $0.lead.id })
        }
    }
}
