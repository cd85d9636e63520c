import Foundation
import Synchronization
import Testing
import HandoffCore
import HandoffDesk
import HandoffWorkspace
import HandoffStore

/// Live intake that decides a lead in its intake transaction when nothing is queued
/// (`Desk.intakeRouting`), against intake then the drain, the routing thread's way.
@Suite(.dropsItsDatabases) struct LiveIntakeRoutingTests {
    /// Requests of one to five leads each, as a server's group commits take them.
    func groups(_ leads: [IncomingLead]) -> [[IncomingLead]] {
        var groups: [[IncomingLead]] = []
        var i = 0
        while i < leads.count {
            let n = min(1 + groups.count % 5, leads.count - i)
            groups.append(Array(leads[i..<(i + n)]))
            i += n
        }
        return groups
    }

    /// The routing thread's way: each group stored queued, then drained.
    func queuedThenDrained(_ engine: Engine, _ groups: [[IncomingLead]]) throws -> any LeadStore {
        let store = try engine.store()
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        for group in groups {
            _ = try desk.intake(group, quarantine: [], actor: "http")
            try desk.drain()
        }
        return store
    }

    @Test(arguments: Engine.available)
    func decidesAndLogsExactlyAsTheRoutingThread(_ engine: Engine) async throws {
        try await onThread {
            // Some leads of the stream are duplicates of others, some repeat a key: every rule has its say.
            var leads = incoming(streamLeads(400, seed: 17))
            leads.insert(leads[10], at: 30)
            leads.insert(leads[46], at: 47)
            let groups = groups(leads)
            let reference = try queuedThenDrained(engine, groups)

            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            var ids: [StoredLeadId] = []
            for group in groups {
                let routed = try #require(try desk.intakeRouting(group, quarantine: [], actor: "http"))
                #expect(routed.ids.count == group.count)
                #expect(routed.decisions.count == routed.ids.filter(\.added).count)
                for (id, decision) in zip(routed.ids.filter(\.added), routed.decisions) {
                    // As stored: through the JSON form, whose times are rounded.
                    #expect(try store.lead(id.id)?.decision == JSONDecoder().decode(Decision.self, from: Data(DecisionJSON.encode(decision).utf8)))
                }
                ids += routed.ids
            }
            #expect(try contents(store) == contents(reference))
            #expect(ids.filter { !$0.added }.map(\.id) == ["L-0000011", "L-0000046"])
            #expect(try store.counts().byState[.received] == nil)
            #expect(try store.doctor().healthy)
        }
    }

    /// Leads queued first are routed first: a live lead is not decided ahead of them, and nothing of it
    /// is stored until the caller stores it queued behind them.
    @Test(arguments: Engine.available)
    func queuedLeadsGoFirstAndInOrder(_ engine: Engine) async throws {
        try await onThread {
            let leads = incoming(streamLeads(120, seed: 4))
            let groups = groups(leads)
            let reference = try queuedThenDrained(engine, groups)

            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            var routedInIntake = 0
            for (n, group) in groups.enumerated() {
                if n % 7 == 3 {
                    // Behind: stored queued, not drained yet.
                    _ = try desk.intake(group, quarantine: [], actor: "http")
                    continue
                }
                let before = try store.counts()
                if let routed = try desk.intakeRouting(group, quarantine: [], actor: "http") {
                    #expect(before.byState[.received] == nil, "decided ahead of queued leads")
                    routedInIntake += routed.decisions.count
                } else {
                    #expect(before.byState[.received] != nil, "refused with nothing queued")
                    #expect(try store.counts() == before, "a refused intake stored something")
                    _ = try desk.intake(group, quarantine: [], actor: "http")
                    // The routing thread catches up every other time.
                    if n % 2 == 0 { try desk.drain() }
                }
            }
            try desk.drain()
            #expect(routedInIntake > 0 && routedInIntake < leads.count)
            #expect(try contents(store) == contents(reference))
        }
    }

    /// The routing thread draining while intake decides: whichever decides a lead, each is decided
    /// once, in the order of arrival, with the same outcome as one after the other.
    @Test(arguments: Engine.available)
    func aRoutingThreadBesideItKeepsTheRoutingStateConsistent(_ engine: Engine) async throws {
        try await onThread {
            let leads = incoming(streamLeads(600, seed: 23))
            let groups = groups(leads)
            let reference = try queuedThenDrained(engine, groups)

            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let done = DispatchSemaphore(value: 0)
            let stop = Stop()
            let router = Thread {
                while !stop.flag.withLock({ $0 }) { _ = try? desk.drain(batchSize: 3) }
                done.signal()
            }
            router.start()
            var queued = 0
            for (n, group) in groups.enumerated() {
                // Now and then behind, so the two take turns.
                let routed = n % 11 == 5 ? nil : try desk.intakeRouting(group, quarantine: [], actor: "http")
                if routed == nil {
                    _ = try desk.intake(group, quarantine: [], actor: "http")
                    queued += group.count
                }
            }
            stop.flag.withLock { $0 = true }
            done.wait()
            try desk.drain()
            #expect(queued > 0 && queued < leads.count)
            #expect(try contents(store) == contents(reference))
            #expect(try store.doctor().healthy)
        }
    }

    /// Leads another process routed count in the next live lead's duplicate check, and the pool state
    /// it changed is read again: the outcome is the one a single desk gives.
    @Test(arguments: Engine.available)
    func seesWhatAnotherProcessRouted(_ engine: Engine) async throws {
        try await onThread {
            let a = incoming([lead("a", email: "ana@globex.de")])
            let b = incoming([lead("b", email: "bo@initech.de", company: "Initech")])
            let c = incoming([lead("c", email: "cy@umbrella.de", company: "Umbrella")])
            let d = incoming([lead("d", email: "BO@initech.de", company: "Initech")])
            let reference = try engine.store()
            let single = try Desk(store: reference, rulebook: exampleRulebook, clock: { tuesday })
            _ = try single.intake(a, quarantine: [], actor: "http")
            try single.drain()
            _ = try reference.insert(b, quarantine: [], at: tuesday, actor: "import")
            _ = try single.intake(c, quarantine: [], actor: "http")
            try single.drain()
            _ = try single.intake(d, quarantine: [], actor: "http")
            try single.drain()

            let (store, location) = try engine.fresh()
            let server = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            let other = try Desk(store: location.open(), rulebook: exampleRulebook, clock: { tuesday })
            _ = try #require(try server.intakeRouting(a, quarantine: [], actor: "http"))
            _ = try store.insert(b, quarantine: [], at: tuesday, actor: "import")
            #expect(try server.intakeRouting(c, quarantine: [], actor: "http") == nil)
            _ = try server.intake(c, quarantine: [], actor: "http")
            #expect(try other.drain().routed == 2)
            let routed = try #require(try server.intakeRouting(d, quarantine: [], actor: "http"))
            #expect(routed.ids == [StoredLeadId(id: "L-0000004", added: true)])
            #expect(routed.decisions.first?.reason == .duplicateSuspect && routed.decisions.first?.duplicateOf == "L-0000002")
            #expect(try contents(store) == contents(reference))
            #expect(try store.doctor().healthy)
        }
    }

    /// A shadow started and stopped while leads arrive decides beside the live rulebook on exactly the
    /// leads routed while it ran, with the same outcomes as beside the drain.
    @Test(arguments: Engine.available)
    func aShadowStartedAndStoppedMeanwhileSeesTheLeadsOfItsTime(_ engine: Engine) async throws {
        try await onThread {
            let parts = [0..<50, 50..<250, 250..<300].map { groups(incoming(Array(streamLeads(300, seed: 11)[$0]))) }
            func run(routingAtIntake: Bool) throws -> (any LeadStore, ShadowStanding) {
                let store = try engine.store()
                let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
                func take(_ groups: [[IncomingLead]]) throws {
                    for group in groups {
                        if routingAtIntake {
                            _ = try #require(try desk.intakeRouting(group, quarantine: [], actor: "http"))
                        } else {
                            _ = try desk.intake(group, quarantine: [], actor: "http")
                            try desk.drain()
                        }
                    }
                }
                try take(parts[0])
                let shadow = try ShadowRunTests.start(store)
                try take(parts[1])
                _ = try ShadowControl.stop(store: store, actor: "ben", at: tuesday.addingTimeInterval(60))
                try take(parts[2])
                return (store, try #require(try store.shadowStanding(shadow.id, divergences: 1_000)))
            }
            let (store, standing) = try run(routingAtIntake: true)
            let (reference, expected) = try run(routingAtIntake: false)
            #expect(standing.leads == 200)
            #expect(standing.diverged > 0)
            #expect(standing == expected)
            #expect(try contents(store) == contents(reference))
        }
    }

    @Test(arguments: Engine.available)
    func keepsQuarantinedRecords(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            let bad = QuarantinedRecord(file: "POST /v1/leads", line: 2, field: "employees", reason: "not a number: \"lots\"", raw: "{}")
            let routed = try #require(try desk.intakeRouting(incoming([lead("a")]), quarantine: [bad], actor: "http"))
            #expect(routed.ids == [StoredLeadId(id: "L-0000001", added: true)])
            #expect(try store.quarantined(limit: 10) == [bad])
        }
    }
}

private final class Stop: Sendable {
    let flag = Mutex(false)
}
