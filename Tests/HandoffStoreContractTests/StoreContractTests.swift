import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore
import HandoffWorkspace
import Testing

/// What every engine promises, run against each (`Engine`): the desk, console and command line rely on
/// exactly this, whichever engine keeps the workspace.
@Suite("Store contract", .dropsItsDatabases)
struct StoreContractTests {
    @Test("intake is idempotent: a key stored already gives the lead it has, and nothing is stored twice", arguments: Engine.available)
    func idempotentIntake(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            let first = try store.intake([Fixtures.lead("a"), Fixtures.lead("b")], quarantine: [], at: Fixtures.tuesday, actor: "test")
            #expect(first.map(\.added) == [true, true])
            let again = try store.intake([Fixtures.lead("b"), Fixtures.lead("c")], quarantine: [], at: Fixtures.tuesday, actor: "test")
            #expect(again.map(\.added) == [false, true])
            #expect(again[0].id == first[1].id)
            let summary = try store.insert([Fixtures.lead("a"), Fixtures.lead("d")], quarantine: [], at: Fixtures.tuesday, actor: "test")
            #expect(summary.accepted == 1 && summary.alreadyPresent == 1)
            #expect(try store.counts().byState[.received] == 4)
        }
    }

    @Test("every queued lead is decided once, with its entries in the log in order", arguments: Engine.available)
    func routesEachLeadOnce(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            _ = try store.insert(Fixtures.leads(30), quarantine: [], at: Fixtures.tuesday, actor: "test")
            let desk = try Desk(store: store, rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday })
            let drained = try desk.drain(batchSize: 7)
            #expect(drained.routed == 30)
            #expect(try store.counts().byState[.received, default: 0] == 0)
            let log = try store.events(lead: nil, after: 0, limit: 1_000)
            #expect(log.map(\.seq) == Array(1...Int64(log.count)), "numbered without gaps")
            let decisions = log.filter { $0.kind == .assigned || $0.kind == .flagged }
            #expect(Set(decisions.map(\.leadId)).count == 30 && decisions.count == 30)
            #expect(try store.doctor().healthy)
            #expect(try store.auditLog(anchor: nil, progress: nil).intact)
        }
    }

    @Test("the queue's count follows intake, routing and a retry, as counting every state says", arguments: Engine.available)
    func queuedCount(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            #expect(try store.queuedCount() == 0)
            _ = try store.insert(Fixtures.leads(29) + [Fixtures.lead("no-company", company: nil)], quarantine: [], at: Fixtures.tuesday, actor: "test")
            #expect(try store.queuedCount() == 30)
            let desk = try Desk(store: store, rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday })
            _ = try desk.routeBatch(size: 12)
            #expect(try store.queuedCount() == 18)
            _ = try desk.drain()
            #expect(try store.queuedCount() == 0)
            let flagged = try #require(try store.leads(LeadFilter(state: .flagged, limit: 1)).first)
            _ = try store.apply(.retry, to: flagged.lead.id, basedOn: flagged.version, actor: "olga", at: Fixtures.tuesday, rulebookVersion: nil)
            #expect(try store.queuedCount() == 1)
            #expect(try store.queuedCount() == store.counts().byState[.received, default: 0])
        }
    }

    @Test("a command on a lead that changed since is refused, naming what changed, by whom", arguments: Engine.available)
    func staleCommandRefused(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            _ = try store.insert([Fixtures.lead("a", company: nil)], quarantine: [], at: Fixtures.tuesday, actor: "test")
            let desk = try Desk(store: store, rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday })
            _ = try desk.drain()
            let lead = try #require(try store.lead("L-0000001"))
            _ = try store.apply(.annotate("called"), to: lead.lead.id, basedOn: lead.version, actor: "olga", at: Fixtures.tuesday, rulebookVersion: nil)
            do {
                _ = try store.apply(.annotate("again"), to: lead.lead.id, basedOn: lead.version, actor: "ivan", at: Fixtures.tuesday, rulebookVersion: nil)
                Issue.record("a stale command was applied")
            } catch let stale as StaleVersion {
                #expect(stale.current == lead.version + 1)
                #expect(stale.latest?.actor == "olga" && stale.latest?.kind == .annotated)
            }
            let results = try store.applyAll([(.annotate("x"), lead.lead.id, lead.version), (.annotate("y"), lead.lead.id, lead.version + 1)],
                                             actor: "sla", at: Fixtures.tuesday, rulebookVersion: nil, notices: [])
            #expect(results.count == 2)
            if case .success = results[0] { Issue.record("the stale one of a batch was applied") }
            if case .failure = results[1] { Issue.record("the current one of a batch was refused") }
        }
    }

    @Test("operators' settings come back as they were set, with who and when", arguments: Engine.available)
    func operatorSettings(_ engine: Engine) async throws {
        try await onThread {
            let (store, _) = try engine.fresh()
            let absence = OwnerAbsence(owner: "ana", from: "2026-12-20", until: "2026-12-24")
            try store.setAbsence(absence, by: "maria", at: Fixtures.tuesday)
            #expect(try store.absences() == [absence])
            #expect(try store.withdrawAbsence(absence, by: "maria", at: Fixtures.tuesday.addingTimeInterval(60)))
            #expect(try store.absences().isEmpty)
            #expect(try store.absences(asOf: Fixtures.tuesday.addingTimeInterval(30)) == [absence])
            try store.setPause(owner: "ben", OwnerPause(reason: "lunch", by: "maria", since: Fixtures.tuesday), by: "maria", at: Fixtures.tuesday, reason: "lunch")
            #expect(try store.pauses()["ben"]?.by == "maria")
            try store.record(rulebook: Fixtures.rulebook, source: ExampleRulebook.yaml, author: "maria", at: Fixtures.tuesday)
            #expect(try store.rulebooks(countingDecisions: false).map(\.version) == [Fixtures.rulebook.version])
            #expect(try store.rulebookSource(Fixtures.rulebook.version) == ExampleRulebook.yaml)
        }
    }

    @Test("two handles on one store, routing side by side, decide every lead exactly once", arguments: Engine.available)
    func twoHandlesRouteOnce(_ engine: Engine) async throws {
        let (store, location) = try await onThread { try engine.fresh() }
        try await onThread { _ = try store.insert(Fixtures.leads(200), quarantine: [], at: Fixtures.tuesday, actor: "test") }
        async let a: Int = onThread {
            let desk = try Desk(store: try location.open(), rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday })
            return try desk.drain(batchSize: 9).routed
        }
        async let b: Int = onThread {
            let desk = try Desk(store: try location.open(), rulebook: Fixtures.rulebook, clock: { Fixtures.tuesday })
            return try desk.drain(batchSize: 11).routed
        }
        let routed = try await a + b
        #expect(routed == 200)
        try await onThread {
            let log = try store.events(lead: nil, after: 0, limit: 10_000)
            let decisions = log.filter { $0.kind == .assigned || $0.kind == .flagged }
            #expect(decisions.count == 200 && Set(decisions.map(\.leadId)).count == 200)
            #expect(try store.doctor().healthy)
        }
    }

    @Test("the routing lease is held by one handle at a time and passes on when given up", arguments: Engine.available)
    func leaseIsExclusive(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            let other = try location.open()
            let first = try store.coreLease(), second = try other.coreLease()
            #expect(try first.tryTake())
            #expect(try !second.tryTake())
            #expect(second.holder() != nil)
            first.release()
            #expect(try second.tryTake())
            second.release()
        }
    }

    @Test("roles granted in the database: the newest change of each person holds, every change is kept, and a change made against an older state is refused", arguments: Engine.available)
    func roleGrants(_ engine: Engine) async throws {
        try await onThread {
            let (store, location) = try engine.fresh()
            #expect(try store.roleGrants() == RoleGrants(inForce: [], newest: 0))
            let first = try store.changeRole(of: "ivan", to: .operator, by: "maria", at: Fixtures.tuesday, basedOn: 0)
            let second = try store.changeRole(of: "olga", to: .lead, by: "maria", at: Fixtures.tuesday.addingTimeInterval(1), basedOn: first.seq)
            let third = try store.changeRole(of: "ivan", to: .viewer, by: "olga", at: Fixtures.tuesday.addingTimeInterval(2), basedOn: second.seq)
            #expect(first.seq < second.seq && second.seq < third.seq)
            // Another process sees them at once.
            let other = try location.open()
            let grants = try other.roleGrants()
            #expect(grants.roles == ["ivan": .viewer, "olga": .lead] && grants.newest == third.seq)
            #expect(grants.grant(of: "ivan")?.by == "olga" && grants.grant(of: "ivan")?.at == Fixtures.tuesday.addingTimeInterval(2))
            // A withdrawal leaves the person out of the grants in force, and in the history.
            let withdrawn = try other.changeRole(of: "ivan", to: nil, by: "olga", at: Fixtures.tuesday.addingTimeInterval(3), basedOn: third.seq)
            #expect(try store.roleGrants().roles == ["olga": .lead])
            #expect(try store.roleGrants().newest == withdrawn.seq)
            #expect(try store.roleGrantHistory(person: "ivan") == [
                RoleGrantChange(seq: first.seq, person: "ivan", role: .operator, by: "maria", at: Fixtures.tuesday),
                RoleGrantChange(seq: third.seq, person: "ivan", role: .viewer, by: "olga", at: Fixtures.tuesday.addingTimeInterval(2)),
                RoleGrantChange(seq: withdrawn.seq, person: "ivan", role: nil, by: "olga", at: Fixtures.tuesday.addingTimeInterval(3)),
            ])
            #expect(try store.roleGrantHistory(person: nil).map(\.person) == ["ivan", "olga", "ivan", "ivan"])
            // Made against what was read before the withdrawal: refused, naming the newest change; nothing written.
            #expect {
                try store.changeRole(of: "olga", to: .viewer, by: "ivan", at: Fixtures.tuesday.addingTimeInterval(4), basedOn: third.seq)
            } throws: { error in
                (error as? RoleGrantsChanged)?.newest == RoleGrantChange(seq: withdrawn.seq, person: "ivan", role: nil, by: "olga",
                                                                          at: Fixtures.tuesday.addingTimeInterval(3))
            }
            #expect(try store.roleGrantHistory(person: nil).count == 4)
        }
    }
}
