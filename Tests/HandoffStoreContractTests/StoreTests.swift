import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace

/// A lead's way through the store: taken in, routed, acted on, read again, on every engine.
@Suite(.dropsItsDatabases) struct StoreTests {
    @Test(arguments: Engine.available)
    func importIsIdempotentAndKeepsQuarantine(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let bad = QuarantinedRecord(file: "leads.csv", line: 7, field: "employees", reason: "not a number: \"lots\"", raw: "x,lots")
            let first = try store.insert(incoming([lead("crm-1"), lead("crm-2", email: "ann@initech.com")]), quarantine: [bad], at: tuesday, actor: "import")
            #expect(first.accepted == 2 && first.alreadyPresent == 0 && first.quarantined == 1)
            #expect(first.ids == ["L-0000001", "L-0000002"])
            let again = try store.insert(incoming([lead("crm-2"), lead("crm-3")]), quarantine: [], at: tuesday, actor: "import")
            #expect(again.accepted == 1 && again.alreadyPresent == 1)
            #expect(again.ids == ["L-0000003"])
            #expect(try store.quarantined(limit: 10) == [bad])
            let record = try #require(try store.lead("L-0000001"))
            #expect(record.state == .received && record.version == 1 && record.lead.externalId == "crm-1")
            #expect(try store.events(lead: "L-0000001", after: 0, limit: 10).map(\.kind) == [.received])
        }
    }

    @Test(arguments: Engine.available)
    func routingWritesEventsAndProjectionsTogether(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming([lead("a"), lead("b", company: nil), lead("c", email: "kim@initech.us", country: "US", employees: "50")]), quarantine: [], at: tuesday, actor: "import")
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let summary = try desk.drain()
            #expect(summary.routed == 3 && summary.assigned == 2 && summary.flagged == [.missingField: 1])
            let assigned = try #require(try store.lead("L-0000001"))
            #expect(assigned.state == .assigned && assigned.owner == "ana" && assigned.route == "enterprise-emea" && assigned.version == 3)
            #expect(try store.events(lead: "L-0000001", after: 0, limit: 10).map(\.kind) == [.received, .checked, .assigned])
            let flagged = try #require(try store.lead("L-0000002"))
            #expect(flagged.state == .flagged && flagged.reason == .missingField && flagged.owner != nil)
            #expect(try store.events(lead: "L-0000002", after: 0, limit: 10).map(\.kind) == [.received, .flagged])
            #expect(try store.ledger().openLoad == ["ana": 1, "dan": 1])
            #expect(try store.doctor().healthy)
            #expect(try desk.drain().routed == 0) // nothing is routed twice
        }
    }

    @Test(arguments: Engine.available)
    func aFailedBatchWritesNothing(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming([lead("a"), lead("b")]), quarantine: [], at: tuesday, actor: "import")
            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try store.routeQueued(limit: 10, at: tuesday) { _ in throw Boom() }
            }
            #expect(try store.counts().byState == [.received: 2])
            #expect(try store.counts().events == 2)
        }
    }

    @Test(arguments: Engine.available)
    func operatorCommandsFollowTheLifecycle(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming([lead("a", company: nil), lead("b")]), quarantine: [], at: tuesday, actor: "import")
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            try desk.drain()
            let flagged = try #require(try store.lead("L-0000001"))
            let approved = try desk.perform(.approve, on: flagged.lead.id, basedOn: flagged.version, actor: "olga")
            #expect(approved.state == .assigned && approved.owner == flagged.owner && approved.reason == nil)
            let moved = try desk.perform(.reassign(to: "ben", reason: "speaks German"), on: "L-0000001", basedOn: approved.version, actor: "olga")
            #expect(moved.owner == "ben")
            let noted = try desk.perform(.annotate("Called, wants a demo in Januar — Grüße"), on: "L-0000001", actor: "olga")
            #expect(noted.version == moved.version + 1)
            let accepted = try desk.perform(.accept, on: "L-0000001", actor: "owner:ben")
            #expect(accepted.state == .accepted)
            let events = try store.events(lead: "L-0000001", after: 0, limit: 20)
            #expect(events.map(\.kind) == [.received, .flagged, .approved, .reassigned, .annotated, .accepted])
            #expect(events[3].detail.text == "speaks German" && events[3].detail.previousOwner == flagged.owner && events[3].actor == "olga")
            #expect(events[4].detail.text == "Called, wants a demo in Januar — Grüße")
            #expect(try store.doctor().healthy)

            // Illegal: approving an accepted lead.
            #expect(throws: StoreError.illegal(LifecycleError(state: .accepted, action: .approve), leadId: "L-0000001")) {
                try desk.perform(.approve, on: "L-0000001", actor: "olga")
            }
            #expect(throws: StoreError.unknownOwner("zed")) { try desk.perform(.reassign(to: "zed", reason: "x"), on: "L-0000002", actor: "olga") }
            #expect(throws: StoreError.unknownLead("L-9")) { try desk.perform(.accept, on: "L-9", actor: "olga") }
        }
    }

    @Test(arguments: Engine.available)
    func aStaleCommandIsRefusedWithWhatChanged(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            try desk.drain()
            let seen = try #require(try store.lead("L-0000001"))
            try desk.perform(.reassign(to: "chloe", reason: "territory"), on: seen.lead.id, basedOn: seen.version, actor: "amir")
            do {
                try desk.perform(.reassign(to: "ben", reason: "load"), on: seen.lead.id, basedOn: seen.version, actor: "olga")
                Issue.record("a stale command went through")
            } catch let stale as StaleVersion {
                #expect(stale.current == seen.version + 1)
                #expect(stale.latest?.kind == .reassigned && stale.latest?.actor == "amir")
                #expect(stale.description.contains("reassigned by amir at 2026-11-24T14:30:00Z (owner chloe)"))
            }
            #expect(try store.lead(seen.lead.id)?.owner == "chloe")
        }
    }

    @Test(arguments: Engine.available)
    func reopeningKeepsEverything(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            _ = try store.insert(incoming(streamLeads(50)), quarantine: [], at: tuesday, actor: "import")
            try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain()
            let again = try location.open()
            #expect(try again.counts() == store.counts())
            #expect(try again.doctor().healthy)
        }
    }
}
