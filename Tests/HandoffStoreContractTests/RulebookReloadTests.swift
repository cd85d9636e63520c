import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

@Suite(.dropsItsDatabases) struct RulebookReloadTests {
    @Test(arguments: Engine.available)
    func aReloadedRulebookDecidesTheNextLeadsAndKeepsPoolState(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let clock = TestClock(tuesday)
            _ = try store.insert(incoming([lead("r-1", email: "a@globex.de")]), quarantine: [], at: tuesday, actor: "import")
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
            try desk.drain()
            let before = try store.ledger().openLoad

            // A new version sends enterprise EMEA leads of 500+ employees too: a 600-person lead now routes.
            let yaml = ExampleRulebook.yaml.replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
            let edited = try #require(RulebookLoader.load(yaml: yaml, file: "r.yaml").rulebook)
            try desk.reload(edited)
            #expect(desk.rulebook.version == edited.version)
            _ = try store.insert(incoming([lead("r-2", email: "b@initech.de", employees: "600")]), quarantine: [], at: tuesday, actor: "import")
            try desk.drain()
            let second = try #require(try store.leads(LeadFilter(limit: 1)).first)
            #expect(second.route == "enterprise-emea" && second.state == .assigned)
            #expect(second.decision?.rulebookVersion == edited.version)
            #expect(try store.ledger().openLoad.values.reduce(0, +) == before.values.reduce(0, +) + 1)
        }
    }
}
