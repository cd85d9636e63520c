import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore
import Testing

/// Roles granted in the database, over the rulebook's `people:`: enforced by the desk at once, whoever
/// calls it, and a lead's to change.
@Suite("Granted roles", .dropsItsDatabases)
struct GrantedRoleTests {
    let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml + RoleTests.people, file: "rulebook.yaml").rulebook!
    let later = tuesday.addingTimeInterval(600)

    /// A routed workspace with a flagged lead (L-0000001), and a desk on it.
    func workspace(_ engine: Engine, _ rulebook: Rulebook) throws -> (any LeadStore, Desk) {
        let store = try engine.store()
        _ = try store.insert(incoming([lead("a", company: nil)]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: rulebook, clock: { tuesday }).drain()
        return (store, try Desk(store: store, rulebook: rulebook, clock: { [later] in later }))
    }

    @Test("a viewer granted by the database is refused at the desk; granted operator, the next action goes through", arguments: Engine.available)
    func grantSeenAtOnce(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let flagged = try #require(try store.lead("L-0000001"))
            _ = try desk.perform(.annotate("olga's note"), on: flagged.lead.id, actor: "olga")
            // Another process (a second desk on the same store) makes olga a viewer: this desk holds her to it at once.
            let elsewhere = try Desk(store: store, rulebook: rulebook, clock: { [later] in later })
            try elsewhere.grant(.viewer, to: "olga", actor: "maria")
            let before = try store.latestEvent()
            #expect(throws: DeskError.notAllowed(person: "olga", role: .viewer, needs: .operator, action: "annotate leads", source: .granted)) {
                try desk.perform(.annotate("again"), on: flagged.lead.id, actor: "olga")
            }
            #expect(try store.latestEvent() == before, "nothing written")
            #expect(try desk.role(of: "olga") == .viewer)
            // wall, a viewer in the rulebook, granted operator.
            try elsewhere.grant(.operator, to: "wall", actor: "maria")
            _ = try desk.perform(.annotate("wall's note"), on: flagged.lead.id, actor: "wall")
            // Withdrawn: olga is the rulebook's operator again.
            try desk.withdrawGrant(of: "olga", actor: "maria")
            _ = try desk.perform(.annotate("back"), on: flagged.lead.id, actor: "olga")
            #expect(try store.roleGrantHistory(person: "olga").map(\.role) == [.viewer, nil])
        }
    }

    @Test("a grant of lead lets its person do a lead's work: pauses, absences, reloads, granting", arguments: Engine.available)
    func grantedLead(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let owner = rulebook.owners[0].id
            #expect(throws: DeskError.self) { try desk.pause(owner: owner, reason: "lunch", actor: "olga") }
            try desk.grant(.lead, to: "olga", actor: "maria")
            try desk.pause(owner: owner, reason: "lunch", actor: "olga")
            try desk.setAbsence(owner: owner, from: "2026-12-20", until: "2026-12-24", actor: "olga")
            try desk.reload(rulebook, actor: "olga")
            try desk.grant(.operator, to: "wall", actor: "olga")
            #expect(try store.pauses()[owner]?.by == "olga")
            // Demoted in the database, maria (a lead in the rulebook) can no longer grant.
            try desk.grant(.operator, to: "maria", actor: "olga")
            #expect(throws: DeskError.notAllowed(person: "maria", role: .operator, needs: .lead, action: "grant or withdraw roles", source: .granted)) {
                try desk.grant(.lead, to: "maria", actor: "maria")
            }
        }
    }

    @Test("only a lead grants; the last lead cannot leave the workspace without one; nothing to withdraw is said", arguments: Engine.available)
    func whoMayGrant(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            #expect(throws: DeskError.notAllowed(person: "olga", role: .operator, needs: .lead, action: "grant or withdraw roles", source: .rulebook)) {
                try desk.grant(.lead, to: "olga", actor: "olga")
            }
            #expect(throws: DeskError.self) { try desk.grant(.operator, to: "wall", actor: "wall") }
            #expect(throws: DeskError.noLeadLeft(person: "maria")) { try desk.grant(.operator, to: "maria", actor: "maria") }
            #expect(throws: DeskError.noGrant(person: "wall", role: .viewer, source: .rulebook)) { try desk.withdrawGrant(of: "wall", actor: "maria") }
            #expect(throws: DeskError.self) { try desk.grant(.operator, to: "router", actor: "maria") }
            #expect(throws: DeskError.self) { try desk.grant(.operator, to: "  ", actor: "maria") }
            #expect(throws: DeskError.self) { try desk.grant(.operator, to: "eve\u{1B}[2J", actor: "maria") }
            #expect(try store.roleGrantHistory(person: nil).isEmpty, "every refusal wrote nothing")
            // With a second lead granted, maria may step down, and the grant's lead may not then leave none.
            try desk.grant(.lead, to: "olga", actor: "maria")
            try desk.grant(.operator, to: "maria", actor: "maria")
            #expect(throws: DeskError.noLeadLeft(person: "olga")) { try desk.withdrawGrant(of: "olga", actor: "olga") }
            try desk.withdrawGrant(of: "maria", actor: "olga")
            try desk.withdrawGrant(of: "olga", actor: "maria")
            #expect(try desk.roles().granted.isEmpty)
        }
    }

    @Test("shadow runs and imports' check read the grants too", arguments: Engine.available)
    func shadowAndImport(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try workspace(engine, rulebook)
            let start = { (actor: String) in
                try ShadowControl.start(store: store, draftText: ExampleRulebook.yaml, draftPath: "draft.yaml", liveText: ExampleRulebook.yaml + RoleTests.people,
                                        livePath: "rulebook.yaml", live: rulebook, actor: actor, at: tuesday)
            }
            #expect(throws: DeskError.self) { try start("olga") }
            try desk.grant(.lead, to: "olga", actor: "maria")
            _ = try start("olga")
            try desk.grant(.viewer, to: "maria", actor: "olga")
            #expect(throws: DeskError.self) { try ShadowControl.stop(store: store, actor: "maria", at: tuesday) }
            #expect(throws: DeskError.self) { try Permission.require(.operator, of: "maria", in: rulebook, grants: store, to: "import leads") }
            try Permission.require(.operator, of: "olga", in: rulebook, grants: store, to: "import leads")
        }
    }

    @Test("a change made against grants that changed since is refused, naming the change", arguments: Engine.available)
    func staleChange(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try workspace(engine, rulebook)
            try store.changeRole(of: "wall", to: .operator, by: "maria", at: tuesday, basedOn: 0)
            #expect {
                try store.changeRole(of: "olga", to: .viewer, by: "ivan", at: tuesday, basedOn: 0)
            } throws: { error in
                (error as? RoleGrantsChanged)?.newest?.person == "wall" && "\(error)".contains("maria granted wall the operator role")
            }
            #expect(try store.roleGrants().roles == ["wall": .operator])
        }
    }
}
