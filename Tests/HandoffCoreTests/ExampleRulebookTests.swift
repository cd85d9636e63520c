import Foundation
import Testing
import HandoffDemo
@testable import HandoffCore

/// The shipped example, loaded from YAML, routes exactly like the same rulebook built in code.
@Suite struct ExampleRulebookTests {
    @Test func loadedExampleDecidesLikeTheCodeFixture() throws {
        let load = RulebookLoader.load(yaml: try exampleText(), file: "examples/rulebook.yaml")
        let loaded = try #require(load.rulebook)
        #expect(load.errors.isEmpty)
        let accounts = AccountDirectory([
            Account(domain: "globex.de", name: "Globex", owner: "chloe"),
            Account(domain: "initech.com", name: "Initech", owner: "dan"),
            Account(domain: "umbrella.fr", name: "Umbrella", owner: nil),
        ])
        for now in [Fixtures.monday, Fixtures.tuesdayAfternoon, Fixtures.utc(2026, 7, 1, 12)] {
            var fromYAML = RoutingContext(rulebook: loaded, now: now, accounts: accounts)
            var fromCode = RoutingContext(rulebook: Fixtures.acme, now: now, accounts: accounts)
            var stream = LeadStream(seed: 5, accounts: [Account(domain: "globex.de", name: "Globex"), Account(domain: "initech.com", name: "Initech")], start: now.addingTimeInterval(-3_600))
            for _ in 0..<400 {
                let lead = stream.next()
                let a = fromYAML.route(lead), b = fromCode.route(lead)
                #expect(a.owner == b.owner && a.route == b.route && a.exceptions == b.exceptions && a.trace == b.trace, "\(lead.id)")
            }
        }
    }

    @Test func versionIsStableAndRecordedOnDecisions() throws {
        let text = try exampleText()
        let first = try #require(RulebookLoader.load(yaml: text, file: "a.yaml").rulebook)
        let again = try #require(RulebookLoader.load(yaml: "# a comment\n" + text, file: "b.yaml").rulebook)
        #expect(first.version == again.version)
        #expect(first.version.count == 12)
        let decision = Router.decide(Fixtures.lead("L1"), in: RoutingContext(rulebook: first, now: Fixtures.monday))
        #expect(decision.rulebookVersion == first.version)
    }
}
