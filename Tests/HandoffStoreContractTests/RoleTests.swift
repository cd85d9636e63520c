import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore
import Testing

/// Roles from the rulebook's `people:`, enforced by the desk whoever calls it.
@Suite("Roles", .dropsItsDatabases)
struct RoleTests {
    static let people = """

        people:
          maria: lead
          olga: operator
          wall: viewer
        """
    let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml + RoleTests.people, file: "rulebook.yaml").rulebook!
    let later = tuesday.addingTimeInterval(600)

    /// A routed workspace with a flagged lead that has a proposal (L-0000001) and an assigned one (L-0000002).
    func workspace(_ engine: Engine, _ rulebook: Rulebook) throws -> (any LeadStore, Desk) {
        let store = try engine.store()
        _ = try store.insert(incoming([lead("a", company: nil), lead("b", email: "mo@initech.de", company: "Initech")]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: rulebook, clock: { tuesday }).drain()
        return (store, try Desk(store: store, rulebook: rulebook, clock: { [later] in later }))
    }

    func standing(_ record: LeadRecord) -> LeadStanding {
        LeadStanding(state: record.state, owner: record.owner, reason: record.reason, clock: record.updatedAt)
    }

    @Test("a viewer's command is refused by the desk, naming the role it needs, and nothing is written", arguments: Engine.available)
    func viewerRefused(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let before = try store.latestEvent()
            let flagged = try #require(try store.lead("L-0000001"))
            #expect(throws: DeskError.notAllowed(person: "wall", role: .viewer, needs: .operator, action: "approve leads", source: .rulebook)) {
                try desk.perform(.approve, on: flagged.lead.id, basedOn: flagged.version, actor: "wall")
            }
            #expect(throws: DeskError.self) { try desk.perform(.annotate("hi"), on: flagged.lead.id, actor: "stranger") }
            #expect(try store.latestEvent() == before)
        }
    }

    @Test("an operator triages but may not pause owners, set absences or reload; a lead may", arguments: Engine.available)
    func operatorAndLead(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let flagged = try #require(try store.lead("L-0000001"))
            _ = try desk.perform(.approve, on: flagged.lead.id, basedOn: flagged.version, actor: "olga")
            let owner = rulebook.owners[0].id
            #expect(throws: DeskError.notAllowed(person: "olga", role: .operator, needs: .lead, action: "pause or resume owners", source: .rulebook)) {
                try desk.pause(owner: owner, reason: "lunch", actor: "olga")
            }
            #expect(throws: DeskError.self) { try desk.setAbsence(owner: owner, from: "2026-12-20", until: "2026-12-24", actor: "olga") }
            #expect(throws: DeskError.self) { try desk.reload(rulebook, actor: "olga") }
            try desk.pause(owner: owner, reason: "lunch", actor: "maria")
            try desk.setAbsence(owner: owner, from: "2026-12-20", until: "2026-12-24", actor: "maria")
            try desk.reload(rulebook, actor: "maria")
            #expect(try store.pauses()[owner]?.by == "maria")
        }
    }

    @Test("an operator undoes their own action; undoing someone else's is a lead's", arguments: Engine.available)
    func undo(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let flagged = try #require(try store.lead("L-0000001"))
            let approved = try desk.perform(.approve, on: flagged.lead.id, basedOn: flagged.version, actor: "olga")
            let undo = LeadCommand.restore(standing(flagged), undoing: .approve, note: "undo of approve")
            #expect(throws: DeskError.notAllowed(person: "stranger", role: .viewer, needs: .lead, action: "undo another person's action", source: .everyone)) {
                try desk.perform(undo, on: flagged.lead.id, basedOn: approved.version, actor: "stranger")
            }
            let other = RulebookLoader.load(yaml: ExampleRulebook.yaml + "\npeople: {maria: lead, olga: operator, ivan: operator}\n", file: "r.yaml").rulebook!
            let deskWithIvan = try Desk(store: store, rulebook: other, clock: { [later] in later })
            #expect(throws: DeskError.notAllowed(person: "ivan", role: .operator, needs: .lead, action: "undo another person's action", source: .rulebook)) {
                try deskWithIvan.perform(undo, on: flagged.lead.id, basedOn: approved.version, actor: "ivan")
            }
            let undone = try desk.perform(undo, on: flagged.lead.id, basedOn: approved.version, actor: "olga")
            #expect(undone.state == .flagged)
            // A lead may take back anyone's.
            let again = try desk.perform(.approve, on: flagged.lead.id, basedOn: undone.version, actor: "olga")
            _ = try desk.perform(undo, on: flagged.lead.id, basedOn: again.version, actor: "maria")
        }
    }

    @Test("the product's own actors (routing, the SLA timer, owners accepting) are not held to people:", arguments: Engine.available)
    func systemActors(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let assigned = try #require(try store.lead("L-0000002"))
            #expect(assigned.state == .assigned, "routing ran as the router under a rulebook with people:")
            let owner = try #require(assigned.owner)
            #expect(throws: DeskError.self, "owner:ID is a person for anything but accepting") {
                try desk.perform(.annotate("mine"), on: assigned.lead.id, basedOn: assigned.version, actor: "owner:\(owner)")
            }
            _ = try desk.perform(.accept, on: assigned.lead.id, basedOn: assigned.version, actor: "owner:\(owner)")
            #expect(Permission.isSystem("router") && Permission.isSystem(Desk.slaActor) && !Permission.isSystem("olga"))
        }
    }

    @Test("shadow runs are a lead's to start", arguments: Engine.available)
    func shadow(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try workspace(engine, rulebook)
            let start = { (actor: String) in
                try ShadowControl.start(store: store, draftText: ExampleRulebook.yaml, draftPath: "draft.yaml", liveText: ExampleRulebook.yaml + RoleTests.people,
                                        livePath: "rulebook.yaml", live: rulebook, actor: actor, at: tuesday)
            }
            #expect(throws: DeskError.self) { try start("olga") }
            _ = try start("maria")
            #expect(throws: DeskError.self) { try ShadowControl.stop(store: store, actor: "olga", at: tuesday) }
            _ = try ShadowControl.stop(store: store, actor: "maria", at: tuesday)
        }
    }
}
