import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore

/// The console's figures for owners and minutes, and running tallies against a fresh read, on every engine.
@Suite(.dropsItsDatabases) struct ConsoleFiguresTests {
    @Test(arguments: Engine.available)
    func ownersOnTheirOwnClocks(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let owners = try s.desk.snapshot().owners
            #expect(owners.map(\.id) == ["ana", "ben", "chloe", "dan", "eve"])
            #expect(owners.map(\.localTime) == ["Tue 11:30", "Tue 15:30", "Tue 15:30", "Tue 09:30", "Tue 09:30"])
            #expect(owners.map(\.open) == [0, 2, 0, 0, 1])
            #expect(owners.map(\.assignedToday) == [1, 2, 0, 1, 1])
            #expect(owners.map(\.acceptMedian) == [600, nil, nil, 1_020, nil])
            #expect(owners.map(\.capacity) == [40, 30, 30, 60, 60])
            #expect(owners.map(\.pools) == [["emea-enterprise"], ["emea-enterprise"], ["emea-enterprise"], ["na-smb"], ["na-smb"]])
            #expect(owners[0].name == "Ana Souza" && owners[0].zone == "America/Sao_Paulo")
            #expect(owners.allSatisfy { $0.availability == .available })
            #expect(owners[2].outOfOffice == ["2026-12-20..2027-01-04"])

            // At 17:40 Berlin time Ben and Chloe have gone home; past Chloe's absence it no longer shows.
            s.clock.set("16:40")
            #expect(try s.desk.snapshot().owners[1].availability == .offHours(local: "17:40", zone: "Europe/Berlin"))
            let later = try Desk(store: s.store, rulebook: exampleRulebook, clock: { ISO8601DateFormatter().date(from: "2027-01-05T10:00:00Z")! })
            #expect(try later.snapshot().owners[2].outOfOffice.isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func minuteBucketsEndWithTheCurrentMinute(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            s.clock.set(at("14:30").addingTimeInterval(42))
            let minutes = try s.desk.snapshot().minutes
            #expect(minutes.count == 30)
            #expect(minutes.first?.minute == at("14:01") && minutes.last?.minute == at("14:30"))
            let busy = minutes.filter { $0.received + $0.assigned > 0 }
            #expect(busy == [
                MinuteCount(minute: at("14:05"), received: 5, assigned: 2),
                MinuteCount(minute: at("14:12"), received: 2, assigned: 2),
                MinuteCount(minute: at("14:20"), received: 0, assigned: 1),
                MinuteCount(minute: at("14:25"), received: 1, assigned: 0),
            ])
            // Ten minutes on, the first two busy minutes have scrolled out.
            s.clock.set("14:40")
            let later = try s.desk.snapshot().minutes
            #expect(later.first?.minute == at("14:11") && later.filter { $0.received + $0.assigned > 0 }.map(\.minute) == [at("14:12"), at("14:20"), at("14:25")])
        }
    }

    @Test(arguments: Engine.available)
    func breachesAreAssignedLeadsPastTheirAcceptByTime(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            #expect(try s.desk.snapshot().slaBreaches == 0)
            s.clock.set("14:45") // L6 and L7 were due at 14:42; L2 (approved 14:20) is due at 14:50
            #expect(try s.desk.snapshot().slaBreaches == 2)
            s.clock.set("14:47")
            try s.desk.perform(.accept, on: "L-0000007", actor: "owner:eve")
            #expect(try s.desk.snapshot().slaBreaches == 1)
            s.clock.set("14:51")
            #expect(try s.desk.snapshot().slaBreaches == 2)
        }
    }

    @Test(arguments: Engine.available)
    func assignedTodayAndAcceptMedianFollowEachOwnersMidnight(_ engine: Engine) async throws {
        try await onThread {
            // New York's midnight is 05:00 UTC.
            let store = try engine.store()
            let clock = TestClock(at("04:40"))
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
            _ = try store.insert(incoming([lead("a", email: "a@hooli.com", country: "US", employees: "40")]), quarantine: [], at: clock.now, actor: "import")
            try desk.drain() // nobody in New York at work: flagged
            clock.set("04:50")
            try desk.perform(.reassign(to: "dan", reason: "night shift"), on: "L-0000001", actor: "olga") // Monday 23:50 in New York
            clock.set("04:55")
            let monday = try desk.snapshot().owners[3]
            #expect(monday.localTime == "Mon 23:55" && monday.assignedToday == 1 && monday.acceptMedian == nil)

            clock.set("05:10")
            _ = try store.insert(incoming([lead("b", email: "b@hooli.com", country: "US", employees: "40")]), quarantine: [], at: clock.now, actor: "import")
            try desk.drain()
            try desk.perform(.reassign(to: "dan", reason: "night shift"), on: "L-0000002", actor: "olga") // Tuesday 00:10
            clock.set("05:15")
            try desk.perform(.accept, on: "L-0000002", actor: "owner:dan") // 5 minutes
            clock.set("05:20")
            try desk.perform(.accept, on: "L-0000001", actor: "owner:dan") // 30 minutes, assigned the day before
            clock.set("05:30")
            let tuesday = try desk.snapshot().owners[3]
            #expect(tuesday.localTime == "Tue 00:30" && tuesday.assignedToday == 1 && tuesday.acceptMedian == 1_050)
            let fresh = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now }).snapshot().owners[3]
            #expect(fresh == tuesday)
            // Ana's day (São Paulo, midnight at 03:00 UTC) and Ben's (Berlin, 23:00 the day before) saw nothing.
            #expect(try desk.snapshot().owners.map(\.assignedToday) == [0, 0, 0, 1, 0])

            // An odd number of accepts: the middle one.
            clock.set("05:40")
            _ = try store.insert(incoming([lead("c", email: "c@hooli.com", country: "US", employees: "40")]), quarantine: [], at: clock.now, actor: "import")
            try desk.drain()
            try desk.perform(.reassign(to: "dan", reason: "night shift"), on: "L-0000003", actor: "olga")
            clock.set("05:42")
            try desk.perform(.accept, on: "L-0000003", actor: "owner:dan") // 2 minutes
            #expect(try desk.snapshot().owners[3].acceptMedian == 300)
            #expect(try desk.snapshot().owners[3].assignedToday == 2)
        }
    }

    @Test(arguments: Engine.available)
    func runningFiguresMatchAFreshDesk(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            _ = try s.desk.snapshot() // the running figures start here
            // More traffic, and every kind of operator command.
            s.clock.set("14:31")
            _ = try s.store.insert(incoming(streamLeads(60, seed: 5)), quarantine: [], at: s.clock.now, actor: "import")
            try s.desk.drain(batchSize: 25)
            _ = try s.desk.snapshot()
            s.clock.set("14:33")
            try s.desk.perform(.approve, on: "L-0000004", actor: "olga")
            try s.desk.perform(.disqualify(reason: "spam"), on: "L-0000005", actor: "olga")
            let flagged = try s.store.leads(LeadFilter(state: .flagged, limit: 100))
            try #require(flagged.count >= 3)
            try s.desk.perform(.retry, on: flagged[0].lead.id, actor: "olga")
            try s.desk.perform(.reassign(to: "chloe", reason: "speaks French"), on: flagged[1].lead.id, actor: "olga")
            try s.desk.perform(.annotate("later"), on: flagged[2].lead.id, actor: "olga")
            try s.desk.perform(.reassign(to: "dan", reason: "load"), on: "L-0000007", actor: "olga")
            s.clock.set("14:38")
            try s.desk.perform(.accept, on: "L-0000006", actor: "owner:ben")
            try s.desk.perform(.accept, on: flagged[1].lead.id, actor: "owner:chloe")
            try s.desk.drain()
            s.clock.set("14:50")

            let queries = [
                SnapshotQuery(), SnapshotQuery(owner: "ben"), SnapshotQuery(reason: .duplicateSuspect), SnapshotQuery(state: .assigned),
                SnapshotQuery(country: "DE"), SnapshotQuery(route: "na-smb"), SnapshotQuery(text: "weber", activity: EventWindow(limit: 20)),
            ]
            let fresh = try Desk(store: s.store, rulebook: exampleRulebook, clock: { s.clock.now })
            for query in queries {
                let running = try s.desk.snapshot(query), anew = try fresh.snapshot(query)
                #expect(running.counts == anew.counts)
                #expect(running.counts == (try s.store.counts()))
                #expect(running.owners == anew.owners)
                #expect(running.minutes == anew.minutes)
                #expect(running.slaBreaches == anew.slaBreaches)
                #expect(running.queueDepth == anew.queueDepth)
                #expect(running.incoming == anew.incoming)
                #expect(running.exceptions == anew.exceptions)
                #expect(running.exceptionsTotal == anew.exceptionsTotal)
                #expect(running.activity == anew.activity)
                #expect(running.generation == anew.generation)
            }
            #expect(try s.desk.snapshot().minutes.contains { $0.received == 60 })
        }
    }
}
