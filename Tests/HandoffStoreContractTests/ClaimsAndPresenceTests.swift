import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace
import Testing

/// Claims on exceptions (log entries that keep the lead's version) and consoles' presence (ephemeral,
/// never in the log), on every engine.
@Suite("Store contract: claims and presence", .dropsItsDatabases)
struct ClaimsAndPresenceTests {
    /// A store with L-0000001 flagged (no company) and L-0000002 assigned.
    static func workspace(_ engine: Engine) throws -> (store: any LeadStore, location: StoreLocation) {
        let (store, location) = try engine.fresh()
        _ = try store.insert([Fixtures.lead("a", company: nil), Fixtures.lead("b", email: "mo@initech.de", company: "Initech")],
                             quarantine: [], at: Fixtures.tuesday, actor: "test")
        try Desk(store: store, rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday }).drain()
        return (store, location)
    }

    @Test("a claim is a chained log entry at the lead's version, seen by another handle, and ends when the lead leaves the exceptions",
          arguments: Engine.available)
    func claimsLifecycle(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try Self.workspace(engine)
            let flagged = try #require(try store.lead("L-0000001"))
            #expect(flagged.state == .flagged)
            let generation = try store.generation()
            let at = Fixtures.tuesday.addingTimeInterval(30)

            let claim = try store.claim("L-0000001", by: "ana", at: at)
            #expect(claim == Claim(leadId: "L-0000001", by: "ana", at: at))
            #expect(try store.generation() > generation, "a claim is a write other consoles notice")
            #expect(try store.lead("L-0000001")?.version == flagged.version, "a claim does not change the lead")
            let other = try location.open()
            #expect(try other.claims(on: ["L-0000001", "L-0000002"]) == ["L-0000001": claim])
            let entry = try #require(try store.events(lead: "L-0000001", after: 0, limit: 100).last)
            #expect(entry.kind == .claimed && entry.actor == "ana" && entry.leadVersion == flagged.version && entry.at == at)

            // Taken over: the log says from whom.
            _ = try store.claim("L-0000001", by: "ben", at: at.addingTimeInterval(5))
            #expect(try store.claims(on: ["L-0000001"])["L-0000001"]?.by == "ben")
            #expect(try store.events(lead: "L-0000001", after: 0, limit: 100).last?.detail.text == "taken over from ana")

            #expect(throws: ClaimRefusal.notAnException("L-0000002", state: "assigned")) {
                try store.claim("L-0000002", by: "ana", at: at)
            }
            #expect(throws: StoreError.unknownLead("L-0000099")) { try store.claim("L-0000099", by: "ana", at: at) }

            let ended = try store.unclaim("L-0000001", by: "ben", at: at.addingTimeInterval(10))
            #expect(ended?.by == "ben")
            #expect(try store.claims(on: ["L-0000001"]).isEmpty)
            #expect(try store.events(lead: "L-0000001", after: 0, limit: 100).last?.kind == .unclaimed)
            let latest = try store.latestEvent()
            #expect(try store.unclaim("L-0000001", by: "ben", at: at) == nil)
            #expect(try store.latestEvent() == latest, "nothing to unclaim writes nothing")

            // A command that takes the lead out of the exceptions ends the claim with it.
            _ = try store.claim("L-0000001", by: "ana", at: at.addingTimeInterval(20))
            let current = try #require(try store.lead("L-0000001"))
            _ = try store.apply(.annotate("still looking"), to: "L-0000001", basedOn: current.version, actor: "ana", at: at, rulebookVersion: nil)
            #expect(try store.claims(on: ["L-0000001"])["L-0000001"]?.by == "ana", "a note keeps it flagged, and claimed")
            _ = try store.apply(.disqualify(reason: "spam"), to: "L-0000001", basedOn: current.version + 1, actor: "ana", at: at, rulebookVersion: nil)
            #expect(try store.claims(on: ["L-0000001"]).isEmpty)

            let doctor = try store.doctor()
            #expect(doctor.healthy, "\(doctor.problems)")
            #expect(try store.auditLog(anchor: nil, progress: nil).intact)
        }
    }

    @Test("a stale command names the change that made it stale, not a claim made since", arguments: Engine.available)
    func staleIgnoresClaims(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try Self.workspace(engine)
            let lead = try #require(try store.lead("L-0000001"))
            _ = try store.apply(.annotate("called"), to: lead.lead.id, basedOn: lead.version, actor: "olga", at: Fixtures.tuesday, rulebookVersion: nil)
            _ = try store.claim(lead.lead.id, by: "ana", at: Fixtures.tuesday)
            do {
                _ = try store.apply(.annotate("again"), to: lead.lead.id, basedOn: lead.version, actor: "ivan", at: Fixtures.tuesday, rulebookVersion: nil)
                Issue.record("a stale command was applied")
            } catch let stale as StaleVersion {
                #expect(stale.latest?.kind == .annotated && stale.latest?.actor == "olga")
            }
        }
    }

    @Test("presence: one row per console, others on the lead seen lately, stale ones pruned, no log entry and no generation step",
          arguments: Engine.available)
    func presenceBoard(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try Self.workspace(engine)
            let now = Fixtures.tuesday
            let latest = try store.latestEvent(), generation = try store.generation()
            func here(_ console: String, _ who: String, _ lead: String, _ at: Date) -> Presence {
                Presence(console: console, operatorName: who, host: "laptop-\(console)", leadId: lead, seenAt: at)
            }
            try store.recordPresence(here("a", "ana", "L-0000001", now), pruneBefore: now.addingTimeInterval(-60))
            try store.recordPresence(here("b", "ben", "L-0000001", now.addingTimeInterval(-2)), pruneBefore: now.addingTimeInterval(-60))
            try store.recordPresence(here("c", "chloe", "L-0000002", now), pruneBefore: now.addingTimeInterval(-60))
            try store.recordPresence(here("d", "dan", "L-0000001", now.addingTimeInterval(-30)), pruneBefore: now.addingTimeInterval(-60))
            let other = try location.open()
            let seen = try other.presence(on: "L-0000001", since: now.addingTimeInterval(-10), excluding: "a")
            #expect(seen == [here("b", "ben", "L-0000001", now.addingTimeInterval(-2))], "not itself, not another lead, not a stale one")
            #expect(try other.presence(on: "L-0000001", since: now.addingTimeInterval(-10), excluding: "z").map(\.console) == ["a", "b"],
                    "the most recently seen first")

            // Moving replaces the console's row; a later report prunes rows gone stale.
            try store.recordPresence(here("b", "ben", "L-0000002", now.addingTimeInterval(1)), pruneBefore: now.addingTimeInterval(-20))
            #expect(try store.presence(on: "L-0000001", since: now.addingTimeInterval(-10), excluding: "a").isEmpty)
            #expect(try store.presence(on: "L-0000001", since: .distantPast, excluding: "a").isEmpty, "dan's row was pruned")
            #expect(try store.presence(on: "L-0000002", since: now.addingTimeInterval(-10), excluding: "x").map(\.console) == ["b", "c"])
            try store.clearPresence(console: "b")
            #expect(try store.presence(on: "L-0000002", since: .distantPast, excluding: "x").map(\.console) == ["c"])

            #expect(try store.latestEvent() == latest, "presence is not in the log")
            #expect(try store.generation() == generation, "presence wakes no console")
        }
    }
}
