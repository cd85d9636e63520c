import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore
import Testing

/// Claims as the desk holds them, whoever calls it: a colleague's action on a claimed exception is
/// refused until they choose to override it.
@Suite("Claims at the desk", .dropsItsDatabases)
struct ClaimDeskTests {
    let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml + RoleTests.people + "\n  ana: operator\n", file: "rulebook.yaml").rulebook!
    let later = tuesday.addingTimeInterval(600)

    /// L-0000001 flagged with a proposal, claimed by ana three minutes before the desk's clock.
    func claimedWorkspace(_ engine: Engine) throws -> (any LeadStore, Desk) {
        let store = try engine.store()
        _ = try store.insert(incoming([lead("a", company: nil), lead("b", email: "mo@initech.de", company: "Initech")]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: rulebook, clock: { tuesday }).drain()
        try Desk(store: store, rulebook: rulebook, clock: { [later] in later.addingTimeInterval(-180) }).claim("L-0000001", actor: "ana")
        return (store, try Desk(store: store, rulebook: rulebook, clock: { [later] in later }))
    }

    @Test("a colleague's action on a claimed lead is refused, naming who and how long ago, and nothing is written", arguments: Engine.available)
    func colleagueRefused(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try claimedWorkspace(engine)
            let lead = try #require(try store.lead("L-0000001"))
            let latest = try store.latestEvent()
            for command: LeadCommand in [.approve, .annotate("mine now"), .reassign(to: "ben", reason: "knows them"), .disqualify(reason: "spam")] {
                do {
                    try desk.perform(command, on: lead.lead.id, basedOn: lead.version, actor: "olga")
                    Issue.record("\(command.action) went through a colleague's claim")
                } catch let held as ClaimedByOther {
                    #expect(held.claim.by == "ana")
                    #expect(held.description == "ana claimed L-0000001 3m ago")
                }
            }
            #expect(throws: ClaimedByOther.self) { try desk.unclaim(lead.lead.id, actor: "olga") }
            #expect(throws: ClaimedByOther.self) { try desk.claim(lead.lead.id, actor: "olga") }
            #expect(try store.latestEvent() == latest)
        }
    }

    @Test("with the override the action goes through and the claim ends with the exception; the claimant is never held", arguments: Engine.available)
    func overrideAndOwnActions(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try claimedWorkspace(engine)
            let lead = try #require(try store.lead("L-0000001"))
            let latest = try store.latestEvent()
            #expect(try desk.claim(lead.lead.id, actor: "ana").at == later.addingTimeInterval(-180), "claiming one's own claim again keeps it")
            #expect(try store.latestEvent() == latest)
            let noted = try desk.perform(.annotate("looking"), on: lead.lead.id, basedOn: lead.version, actor: "ana")
            #expect(noted.version == lead.version + 1, "the claimant's own action is not asked")
            let approved = try desk.perform(.approve, on: lead.lead.id, basedOn: noted.version, actor: "olga", overridingClaim: true)
            #expect(approved.state == .assigned)
            #expect(try desk.claim(on: lead.lead.id) == nil, "the lead left the exceptions: its claim ended")
            #expect(try store.doctor().healthy)
        }
    }

    @Test("taking over a claim with the override records whose it was", arguments: Engine.available)
    func takeOver(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try claimedWorkspace(engine)
            let claim = try desk.claim("L-0000001", actor: "olga", overridingClaim: true)
            #expect(claim.by == "olga")
            let entry = try #require(try store.events(lead: "L-0000001", after: 0, limit: 100).last)
            #expect(entry.kind == .claimed && entry.actor == "olga" && entry.detail.text == "taken over from ana")
        }
    }

    @Test("a viewer cannot claim; the SLA timer is not held by a claim", arguments: Engine.available)
    func rolesAndSystem(_ engine: Engine) async throws {
        try await onThread {
            let (store, desk) = try claimedWorkspace(engine)
            #expect(throws: DeskError.notAllowed(person: "wall", role: .viewer, needs: .operator, action: "claim exceptions", source: .rulebook)) {
                try desk.claim("L-0000001", actor: "wall")
            }
            let lead = try #require(try store.lead("L-0000001"))
            let noted = try desk.perform(.annotate("reminder"), on: lead.lead.id, basedOn: lead.version, actor: Desk.slaActor)
            #expect(noted.version == lead.version + 1)
        }
    }
}
