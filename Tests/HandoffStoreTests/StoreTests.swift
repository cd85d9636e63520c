import Foundation
import GRDB
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

@Suite struct StoreTests {
    @Test func importIsIdempotentAndKeepsQuarantine() throws {
        let store = try temporaryStore()
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

    @Test func routingWritesEventsAndProjectionsTogether() throws {
        let store = try temporaryStore()
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

    @Test func aFailedBatchWritesNothing() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a"), lead("b")]), quarantine: [], at: tuesday, actor: "import")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.routeQueued(limit: 10, at: tuesday) { _ in throw Boom() }
        }
        #expect(try store.counts().byState == [.received: 2])
        #expect(try store.counts().events == 2)
    }

    @Test func operatorCommandsFollowTheLifecycle() throws {
        let store = try temporaryStore()
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

    @Test func aStaleCommandIsRefusedWithWhatChanged() throws {
        let store = try temporaryStore()
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

    @Test func theLogIsAppendOnly() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
        #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "UPDATE events SET actor = 'me'") } }
        #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "DELETE FROM events") } }
    }

    @Test func doctorFindsDisagreements() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain()
        try store.database.write { try $0.execute(sql: "UPDATE owner_load SET open = 5; UPDATE leads SET state = 'accepted'") }
        let report = try store.doctor()
        #expect(report.problems.contains("L-0000001: state accepted, but the log says assigned"))
        #expect(report.problems.contains("owner ana: open load 5, but 0 leads are assigned to them"))
    }

    @Test func reopeningKeepsEverything() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming(streamLeads(50)), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain()
        let again = try SQLiteStore(path: store.path)
        #expect(try again.counts() == store.counts())
        #expect(try again.doctor().healthy)
    }
}

@Suite struct TwoDesksTests {
    /// Two processes' worth of desks on one file, draining at once: every lead is routed exactly once.
    @Test func twoDesksNeverRouteALeadTwice() async throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming(streamLeads(2_000, seed: 8)), quarantine: [], at: tuesday, actor: "import")
        let a = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        let b = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        async let routedA = Task.detached { try a.drain(batchSize: 50).routed }.value
        async let routedB = Task.detached { try b.drain(batchSize: 50).routed }.value
        let total = try await routedA + routedB
        #expect(total == 2_000)
        let counts = try store.counts()
        #expect(counts.byState[.received] == nil)
        #expect(try store.doctor().healthy)
        // One routing outcome per lead in the log.
        let outcomes = try store.events(lead: nil, after: 0, limit: 100_000).filter { $0.actor == "router" && ($0.kind == .assigned || $0.kind == .flagged) }
        #expect(outcomes.count == 2_000)
        #expect(Set(outcomes.map(\.leadId)).count == 2_000)
    }
}

@Suite struct RoutingMarkTests {
    /// Inside the routing transaction a desk learns what others wrote since its mark: their pool state
    /// when the generation moved, and nothing at all when nobody else wrote.
    @Test func othersWritesComeInsideTheTransaction() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a"), lead("b", email: "kim@initech.de"), lead("c", email: "lou@umbrella.de")]), quarantine: [], at: tuesday, actor: "import")
        let context = RoutingContext(rulebook: exampleRulebook, now: tuesday)
        var mine = context
        var heard: [OthersWrites] = []
        let first = try store.routeQueued(limit: 1, at: tuesday, since: RoutingMark(event: 0, generation: 0), catchUp: { heard.append($0) }) {
            $0.map { mine.route($0.lead) }
        }
        // The mark given was behind the store: the store's state came along.
        #expect(heard.count == 1 && heard[0].ledger != nil)
        let mark = RoutingMark(event: first.lastEvent, generation: first.generation)
        #expect(try store.generation() == mark.generation)

        heard = []
        let second = try store.routeQueued(limit: 1, at: tuesday, since: mark, catchUp: { heard.append($0) }) { $0.map { mine.route($0.lead) } }
        #expect(heard.isEmpty)  // nobody else wrote

        // Another desk routes a lead: the next batch hears of it and of the loads it left.
        var theirs = context
        _ = try store.routeQueued(limit: 1, at: tuesday) { $0.map { theirs.route($0.lead) } }
        heard = []
        let stored = try store.ledger()
        _ = try store.routeQueued(limit: 1, at: tuesday, since: RoutingMark(event: second.lastEvent, generation: second.generation),
                                  catchUp: { heard.append($0) }) { $0.map { mine.route($0.lead) } }
        #expect(heard.count == 1 && heard[0].routed.count == 1)
        #expect(heard.first?.ledger?.openLoad == stored.openLoad)
        #expect(stored.openLoad.values.reduce(0, +) == 3)
    }
}

@Suite struct MigrationTests {
    /// A database file migrated only up to `version`, written by `fill`, in a folder `body` may use.
    func oldDatabase(upTo version: String, _ fill: (Database) throws -> Void = { _ in }, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: version)
        try old.write(fill)
        try old.close()
        try body(path)
    }

    /// A database made by the first schema version opens under the current one with nothing lost.
    @Test func aFirstVersionDatabaseMigratesInPlace() throws {
        try oldDatabase(upTo: "1: leads, events, projections") { path in
            let store = try SQLiteStore(path: path)
            _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
            try store.setAbsence(OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30"), by: "olga", at: tuesday)
            #expect(try store.absences() == [OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30")])
            let applied = try store.database.read { try Schema.migrator.appliedMigrations($0) }
            #expect(applied == ["1: leads, events, projections", "2: owner absences set at run time", "3: the console's orderings", "4: the SLA timer's candidates",
                               "5: owner pauses", "6: the fairness ledger's forgiven shares", "7: the notification outbox",
                               "8: the log refers to leads by number", "9: withdrawn owner absences", "10: arrivals by time", "11: shadow runs",
                               "12: the delivery log", "13: the log's hash chain", "14: routed entries in the log's partial indexes",
                               "15: leads by owner, only those with one", "16: claims on exceptions and consoles' presence",
                               "17: roles granted in the database"])
            // Withdrawn, the window is gone for routing now but kept for replaying what was decided before.
            let withdrawn = try store.withdrawAbsences(owner: "ana", by: "olga", at: tuesday.addingTimeInterval(60))
            #expect(withdrawn == [OwnerAbsence(owner: "ana", from: "2026-11-20", until: "2026-11-30")])
            #expect(try store.absences().isEmpty)
            #expect(try store.absences(asOf: tuesday.addingTimeInterval(30)) == withdrawn)
            #expect(try store.absences(asOf: tuesday.addingTimeInterval(90)).isEmpty)
            #expect(try store.withdrawAbsences(owner: "ana", by: "olga", at: tuesday.addingTimeInterval(120)).isEmpty)
        }
    }

    /// A log written when entries named their lead by id text reads the same once entries refer to lead numbers.
    @Test func aLogByLeadIdMigratesToLeadNumbers() throws {
        try oldDatabase(upTo: "7: the notification outbox", { db in
            for n in 1...3 {
                try db.execute(sql: """
                    INSERT INTO leads (id, idem_key, received_at, state, owner, version, updated_at)
                    VALUES (?, ?, 1795530600, ?, ?, ?, 1795530600)
                    """, arguments: ["L-000000\(n)", "key-\(n)", n == 2 ? "assigned" : "received", n == 2 ? "ana" : nil, n == 2 ? 3 : 1])
            }
            // Lead 2's entries come after lead 3's arrival, so the log's order is not the leads' order.
            for (lead, kind, version, from, to) in [("L-0000001", "received", 1, nil, "received"), ("L-0000002", "received", 1, nil, "received"),
                                                    ("L-0000003", "received", 1, nil, "received"), ("L-0000002", "checked", 2, "received", "ready"),
                                                    ("L-0000002", "assigned", 3, "ready", "assigned")] as [(String, String, Int, String?, String)] {
                try db.execute(sql: """
                    INSERT INTO events (lead_id, kind, at, actor, lead_version, owner, from_state, to_state)
                    VALUES (?, ?, 1795530600, 'router', ?, ?, ?, ?)
                    """, arguments: [lead, kind, version, kind == "assigned" ? "ana" : nil, from, to])
            }
            try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES ('ana', 1)")
        }) { path in
            let store = try SQLiteStore(path: path)
            let history = try store.events(lead: "L-0000002", after: 0, limit: 10)
            #expect(history.map(\.seq) == [2, 4, 5])
            #expect(history.map(\.leadId) == ["L-0000002", "L-0000002", "L-0000002"])
            #expect(history.map(\.kind) == [.received, .checked, .assigned])
            #expect(try store.events(lead: nil, after: 0, limit: 10).map(\.leadId) == ["L-0000001", "L-0000002", "L-0000003", "L-0000002", "L-0000002"])
            #expect(try store.events(lead: "L-2", after: 0, limit: 10).isEmpty)
            #expect(try store.doctor().problems.isEmpty)
            #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "UPDATE events SET kind = 'accepted'") } }
            #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "DELETE FROM events") } }
            // New entries refer to their lead by number, and a lead that does not exist cannot get one.
            #expect(throws: DatabaseError.self) {
                try store.database.write { try $0.execute(sql: "INSERT INTO events (lead, kind, at, actor, lead_version) VALUES (99, 'annotated', 0, 'olga', 2)") }
            }
        }
    }
}

@Suite struct LeadIdTests {
    @Test func serialsReadBackOnlyFromIdsTheStoreWrites() {
        #expect(LeadId.serial(LeadId.make(42)) == 42)
        #expect(LeadId.serial(LeadId.make(12_345_678)) == 12_345_678)
        #expect(LeadId.make(12_345_678) == "L-12345678")
        for text in ["L-42", "L-00000042", "l-0000042", "L-000004x", "L-0000000", "", "L-", "0000042", "L-+000042"] {
            #expect(LeadId.serial(text) == nil, "\(text)")
        }
    }
}

@Suite struct CrossProcessDuplicateTests {
    /// A desk started before another routed a lead still sees that lead in its duplicate checks.
    @Test func aDuplicateRoutedByAnotherDeskIsCaught() throws {
        let store = try temporaryStore()
        let a = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        let b = try Desk(store: SQLiteStore(path: store.path), rulebook: exampleRulebook, clock: { tuesday })
        _ = try store.insert(incoming([lead("first", email: "sam@globex.de")]), quarantine: [], at: tuesday, actor: "import")
        #expect(try a.drain().routed == 1)
        _ = try store.insert(incoming([lead("second", email: "SAM@globex.de")]), quarantine: [], at: tuesday, actor: "import")
        #expect(try b.drain().routed == 1)
        let second = try #require(try store.lead("L-0000002"))
        #expect(second.reason == .duplicateSuspect)
        #expect(second.decision?.duplicateOf == "L-0000001")
    }
}
