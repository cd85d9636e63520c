import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// A day's review built from hand-made facts: 40 leads over the day before `ConsoleFixtures.now`, two
/// rulebook versions, exceptions, corrections by people and SLA breaches in two pools.
enum InsightsFixtures {
    static func review() -> Review {
        let end = ConsoleFixtures.now
        var facts = ReviewFacts(start: end.addingTimeInterval(-86_400), end: end)
        facts.names = ["enterprise-emea", "emea-enterprise", "3f2a9c1b0e12aa", "ana", "ben", "chloe", "na-smb", "na-smb-pool", "b07c55d1e9f3cc", "dan", "eve"]
        let t = facts.start.timeIntervalSince1970
        for i in 0..<40 {
            var lead = ReviewFacts.LeadFacts()
            lead.receivedAt = t + Double(i) * 2_100
            lead.rulebook = i < 25 ? 2 : 8
            let emea = i % 2 == 0
            (lead.route, lead.pool) = emea ? (0, 1) : (6, 7)
            if i % 5 == 4 {
                lead.exception = i % 10 == 4 ? .noRoute : .duplicateSuspect
                if lead.exception == .noRoute { (lead.route, lead.pool) = (-1, -1) }
            } else {
                lead.firstOwnerAt = lead.receivedAt + Double(5 + i * 7)
                lead.lastHandoffAt = lead.firstOwnerAt
                if i % 3 != 0 { lead.acceptedAt = lead.lastHandoffAt + Double(60 * (i + 1)) }
                lead.breached = i % 11 == 0
                lead.rerouted = i % 13 == 1
            }
            facts.leads.append(lead)
        }
        for (owner, n) in [(3, 9), (4, 5), (5, 2)] { facts.assignments[.init(rulebook: 2, pool: 1, owner: Int32(owner))] = n }
        for (owner, n) in [(9, 8), (10, 8)] { facts.assignments[.init(rulebook: 8, pool: 7, owner: Int32(owner))] = n }
        facts.reassignments = [
            .init(lead: 2, actor: "olga", from: "ben", to: "chloe"),
            .init(lead: 6, actor: "olga", from: "ben", to: "chloe"),
            .init(lead: 3, actor: "amir", from: "dan", to: "eve"),
        ]
        facts.openLoad = ["ana": 12, "ben": 31, "chloe": 4, "dan": 20, "eve": 22]
        return ReviewBuilder(rulebooks: [:], recorded: [
            StoredRulebook(version: "3f2a9c1b0e12aa", name: "Acme inbound", loadedAt: facts.start, author: "ops", decisions: 25),
            StoredRulebook(version: "b07c55d1e9f3cc", name: "Acme inbound", loadedAt: facts.start.addingTimeInterval(52_000), author: "ops", decisions: 15),
        ]).build(facts)
    }
}
