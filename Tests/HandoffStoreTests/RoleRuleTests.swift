import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
@testable import HandoffStoreContractTests
import Testing

/// Who may do what, from the rulebook's `people:` and the grants over it: pure rules, no store.
@Suite("Role rules")
struct RoleRuleTests {
    let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml + RoleTests.people, file: "rulebook.yaml").rulebook!

    @Test("people: gives each person a role; anyone else is a viewer, or what everyone: says")
    func readsPeople() throws {
        #expect(rulebook.role(of: "maria") == .lead)
        #expect(rulebook.role(of: "olga") == .operator)
        #expect(rulebook.role(of: "wall") == .viewer)
        #expect(rulebook.role(of: "stranger") == .viewer)
        let everyone = try #require(RulebookLoader.load(yaml: ExampleRulebook.yaml + "\npeople: {maria: lead, everyone: operator}\n", file: "r.yaml").rulebook)
        #expect(everyone.role(of: "stranger") == .operator)
        #expect(exampleRulebook.role(of: "anyone") == .lead, "no people: section, no roles: everyone may do everything, as before")
    }

    @Test("an unknown role is an error on its line, naming the roles there are")
    func unknownRole() {
        let load = RulebookLoader.load(yaml: ExampleRulebook.yaml + "\npeople:\n  maria: boss\n", file: "r.yaml")
        #expect(load.rulebook == nil)
        let error = load.errors.map(\.description).joined(separator: "\n")
        #expect(error.contains("unknown role of 'maria' 'boss'") || error.contains("'boss'"))
        #expect(error.contains("r.yaml:"))
    }

    @Test("a grant overrides the rulebook either way; a withdrawal falls back to it; anyone else keeps everyone:")
    func precedence() {
        let people = People(roles: ["maria": .lead, "olga": .operator], everyone: .viewer)
        let roles = Roles(people: people, granted: ["olga": .viewer, "wall": .operator])
        #expect(roles.role(of: "olga") == .viewer && roles.source(of: "olga") == .granted)
        #expect(roles.role(of: "wall") == .operator)
        #expect(roles.role(of: "maria") == .lead && roles.source(of: "maria") == .rulebook)
        #expect(roles.role(of: "stranger") == .viewer && roles.source(of: "stranger") == .everyone)
        #expect(roles.with("olga", nil).role(of: "olga") == .operator, "withdrawn, the rulebook's role again")
        #expect(roles.named == ["maria", "olga", "wall"])
        // No people: everyone is a lead, but a grant still holds its person to it.
        let open = Roles(people: nil, granted: ["wall": .viewer])
        #expect(open.enforced && open.role(of: "wall") == .viewer && open.role(of: "anyone") == .lead)
        #expect(!Roles(people: nil).enforced)
    }

    @Test("no lead left: only when no named person and not the default is a lead")
    func hasLead() {
        let people = People(roles: ["maria": .lead, "olga": .operator], everyone: .viewer)
        #expect(Roles(people: people).hasLead)
        #expect(!Roles(people: people, granted: ["maria": .operator]).hasLead)
        #expect(Roles(people: people, granted: ["maria": .operator, "olga": .lead]).hasLead)
        #expect(Roles(people: People(roles: [:], everyone: .lead), granted: ["maria": .viewer]).hasLead, "everyone: lead")
        #expect(Roles(people: nil, granted: ["maria": .viewer]).hasLead, "no people: everyone else is a lead")
    }
}
