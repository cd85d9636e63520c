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

    /// A rulebook made by hand with another's version (words that differ from the stored ones) still
    /// stores decisions that read back whole: they are written without words.
    @Test(arguments: Engine.available)
    func aRulebookReusingAVersionStillReadsBack(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let leads = incoming(streamLeads(350, seed: 12))
            _ = try store.insert(Array(leads.prefix(300)), quarantine: [], at: tuesday, actor: "import")
            // A version of this test's own: other tests route with the example's at the same time.
            var rulebook = exampleRulebook
            rulebook.version = "reused-\(engine)"
            var first = RoutingContext(rulebook: rulebook, now: tuesday)
            let before = try store.routeQueued(limit: 100, at: tuesday) { queued in queued.map { first.route($0.lead) } }.decisions
            var other = rulebook
            other.routes.removeLast()
            #expect(other.version == rulebook.version && other.words?.serialized != rulebook.words?.serialized)
            var second = RoutingContext(rulebook: other, now: tuesday)
            let after = try store.routeQueued(limit: 100, at: tuesday) { queued in queued.map { second.route($0.lead) } }.decisions
            let desk = try Desk(store: store, rulebook: other, clock: { tuesday })
            let imported = try desk.importRouting(actor: "import") { feed in
                for lead in leads.suffix(50) { try feed.add(lead) }
            }
            #expect(before.count == 100 && after.count == 100 && imported.stored.accepted == 50)
            for d in before + after { #expect(try store.lead(d.leadId)?.decision == Self.viaJSON(d)) }
            #expect(try store.leads(LeadFilter(limit: 1_000)).allSatisfy { $0.decision != nil || $0.state == .received })
            #expect(try store.doctor().healthy)
        }
    }
}
