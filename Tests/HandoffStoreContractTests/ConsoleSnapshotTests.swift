import Foundation
import Synchronization
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore

@Suite(.dropsItsDatabases) struct ConsoleSnapshotTests {
    @Test(arguments: Engine.available)
    func listsAndTotals(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let snap = try s.desk.snapshot()
            #expect(snap.takenAt == at("14:30"))
            #expect(snap.rulebookName == "Acme inbound" && snap.rulebookVersion == exampleRulebook.version)
            #expect(snap.generation == (try s.store.generation()))
            #expect(snap.incoming.map(\.id) == (1...8).reversed().map { LeadId.make($0) })

            let assigned = try #require(snap.incoming.first { $0.id == "L-0000006" })
            #expect(assigned.state == .assigned && assigned.owner == "ben" && assigned.route == "enterprise-emea" && assigned.country == "FR")
            #expect(assigned.name == "Jo Weber" && assigned.email == "ann@initech.fr" && assigned.company == "Globex" && assigned.employees == "5000")
            #expect(assigned.version == 3 && assigned.updatedAt == at("14:12") && assigned.slaDue == at("14:42"))
            // Readable countries come back as ISO codes; accepted and queued leads have no SLA running.
            #expect(snap.incoming.first { $0.id == "L-0000005" }?.country == "JP")
            #expect(snap.incoming.first { $0.id == "L-0000001" }?.slaDue == nil)
            #expect(snap.incoming.first?.state == .received && snap.incoming.first?.slaDue == nil)

            // Flagged: the one flagged longest ago first, ties to the older lead. The note on L4 at 14:26 does
            // not restart its clock (only a new state or owner does), so both are due at 14:35.
            #expect(snap.exceptions.map(\.id) == ["L-0000004", "L-0000005"])
            #expect(snap.exceptions.map(\.slaDue) == [at("14:35"), at("14:35")])
            #expect(snap.exceptions.map(\.reason) == [.freeEmail, .noRoute])
            #expect(snap.exceptions[0].owner == "ben") // proposed
            #expect(snap.exceptionsTotal == 2 && !snap.exceptionsTotalCapped)

            #expect(snap.counts == (try s.store.counts()))
            #expect(snap.counts.byState == [.received: 1, .assigned: 3, .accepted: 2, .flagged: 2])
            #expect(snap.counts.flaggedByReason == [.noRoute: 1, .freeEmail: 1])
            #expect(snap.counts.events == 24)
            #expect(snap.queueDepth == 1)

            // The newest log entries, oldest first.
            #expect(snap.activity.count == 24 && snap.activity.first?.seq == 1 && snap.activity.last?.kind == .annotated)
            #expect(try s.desk.snapshot(SnapshotQuery(activity: EventWindow(limit: 3))).activity.map(\.seq) == [22, 23, 24])
            let two = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(limit: 2), exceptions: ListWindow(limit: 1)))
            #expect(two.incoming.map(\.id) == ["L-0000008", "L-0000007"] && two.incomingTotal == 8)
            let one = try s.desk.snapshot(SnapshotQuery(exceptions: ListWindow(limit: 1)))
            #expect(one.exceptions.map(\.id) == ["L-0000004"] && one.exceptionsTotal == 2)
        }
    }

    @Test(arguments: Engine.available)
    func exceptionsTieOnTimeGoToTheOldestLead(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let clock = TestClock(at("14:00"))
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
            var older = lead("x", email: "a@gmail.com")
            older.receivedAt = at("09:00")
            var newer = lead("y", email: "b@gmail.com")
            newer.receivedAt = at("10:00")
            _ = try store.insert(incoming([newer, older]), quarantine: [], at: clock.now, actor: "import")
            try desk.drain()
            // Both flagged at 14:00: the one received at 09:00 first, though it was stored second.
            #expect(try desk.snapshot().exceptions.map(\.id) == ["L-0000002", "L-0000001"])
        }
    }

    @Test(arguments: Engine.available)
    func everyFilter(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            func ids(_ query: SnapshotQuery) throws -> (incoming: [String], exceptions: [String], total: Int) {
                let snap = try s.desk.snapshot(query)
                return (snap.incoming.map(\.id), snap.exceptions.map(\.id), snap.exceptionsTotal)
            }
            let ben = try ids(SnapshotQuery(owner: "ben"))
            #expect(ben.incoming == ["L-0000006", "L-0000004", "L-0000002"] && ben.exceptions == ["L-0000004"] && ben.total == 1)
            let free = try ids(SnapshotQuery(reason: .freeEmail))
            #expect(free.incoming == ["L-0000004"] && free.exceptions == ["L-0000004"] && free.total == 1)
            let assigned = try ids(SnapshotQuery(state: .assigned))
            #expect(assigned.incoming == ["L-0000007", "L-0000006", "L-0000002"] && assigned.exceptions.isEmpty && assigned.total == 0)
            let flagged = try ids(SnapshotQuery(state: .flagged))
            #expect(flagged.incoming == ["L-0000005", "L-0000004"] && flagged.exceptions == ["L-0000004", "L-0000005"] && flagged.total == 2)
            let japan = try ids(SnapshotQuery(country: " jp "))
            #expect(japan.incoming == ["L-0000005"] && japan.exceptions == ["L-0000005"] && japan.total == 1)
            let us = try ids(SnapshotQuery(country: "US"))
            #expect(us.incoming == ["L-0000007", "L-0000003"] && us.exceptions.isEmpty && us.total == 0)
            let smb = try ids(SnapshotQuery(route: "na-smb"))
            #expect(smb.incoming == ["L-0000007", "L-0000003"] && smb.total == 0)
            let enterprise = try ids(SnapshotQuery(route: "enterprise-emea"))
            #expect(enterprise.exceptions == ["L-0000004"] && enterprise.total == 1)
            let initech = try ids(SnapshotQuery(text: "initech"))
            #expect(initech.incoming == ["L-0000006", "L-0000003"])
            #expect(try ids(SnapshotQuery(text: "L-0000005")).incoming == ["L-0000005"])
            #expect(try ids(SnapshotQuery(text: "crm-3")).incoming.isEmpty) // external ids match whole: "c" was the key
            #expect(try ids(SnapshotQuery(text: "c")).incoming.contains("L-0000003"))
            // Filters combine; blank ones are no filter.
            let both = try ids(SnapshotQuery(owner: "ben", state: .assigned, country: "DE", text: " "))
            #expect(both.incoming == ["L-0000002"] && both.exceptions.isEmpty)
            let none = try ids(SnapshotQuery(owner: "ben", reason: .noRoute))
            #expect(none.incoming.isEmpty && none.exceptions.isEmpty && none.total == 0)
        }
    }

    @Test(arguments: Engine.available)
    func everyRowOfAListIsReachableAPageAtATime(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let all = try s.desk.snapshot().incoming.map(\.id)
            #expect(all.count == 8)
            // Pages of three from each offset put together are the whole list, each with the whole count.
            var paged: [String] = []
            for offset in stride(from: 0, to: 8, by: 3) {
                let page = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(offset: offset, limit: 3)))
                #expect(page.incomingOffset == offset && page.incomingTotal == 8)
                paged += page.incoming.map(\.id)
            }
            #expect(paged == all)
            // The end of the list, and a window past a list that shrank, read its last rows.
            let end = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(limit: 3, fromEnd: true)))
            #expect(end.incomingOffset == 5 && end.incoming.map(\.id) == Array(all.suffix(3)))
            let past = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(offset: 50, limit: 3)))
            #expect(past.incomingOffset == 5 && past.incoming.map(\.id) == Array(all.suffix(3)))
            // Filtered lists page and count alike.
            let ben = try s.desk.snapshot(SnapshotQuery(owner: "ben", incoming: ListWindow(offset: 1, limit: 1)))
            #expect(ben.incoming.map(\.id) == ["L-0000004"] && ben.incomingOffset == 1 && ben.incomingTotal == 3)
        }
    }

    @Test(arguments: Engine.available)
    func theStoreSortsAWholeListAndFindsTheAnchorLeadInIt(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let byCompany = ListSort("company")
            let whole = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(sort: byCompany))).incoming
            let companies = whole.map { $0.company?.lowercased() }
            // Missing companies last, the rest in order without case.
            let named = companies.compactMap { $0 }
            #expect(named == named.sorted() && companies.suffix(companies.count - named.count).allSatisfy { $0 == nil })
            let descending = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(sort: ListSort("company", descending: true)))).incoming
            #expect(descending.compactMap { $0.company?.lowercased() } == named.reversed())
            // A page anchored on a lead starts the asked number of rows before it, wherever the order puts it.
            for (index, row) in whole.enumerated() {
                let page = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(offset: 7, limit: 3, anchor: row.id, above: 1, sort: byCompany)))
                #expect(page.incomingOffset == max(index - 1, 0))
                #expect(page.incoming.map(\.id).contains(row.id))
                #expect(page.incoming.map(\.id) == Array(whole.map(\.id)[page.incomingOffset..<min(page.incomingOffset + 3, whole.count)]))
            }
            // In the list's own order, newest first, the anchor's place is the count of newer leads.
            let around = try s.desk.snapshot(SnapshotQuery(incoming: ListWindow(limit: 3, anchor: "L-0000004", above: 1)))
            #expect(around.incomingOffset == 3 && around.incoming.map(\.id) == ["L-0000005", "L-0000004", "L-0000003"])
            // An anchor no longer listed: the page starts at the offset.
            let gone = try s.desk.snapshot(SnapshotQuery(owner: "ben", incoming: ListWindow(offset: 1, limit: 2, anchor: "L-0000001", above: 1)))
            #expect(gone.incomingOffset == 1 && gone.incoming.map(\.id) == ["L-0000004", "L-0000002"])
            // A sorted log, and the log a page at a time.
            let kinds = try s.desk.snapshot(SnapshotQuery(activity: EventWindow(limit: 30, fromEnd: false, sort: ListSort("kind")))).activity
            #expect(kinds.map(\.kind.rawValue) == kinds.map(\.kind.rawValue).sorted() && kinds.count == 24)
            let middle = try s.desk.snapshot(SnapshotQuery(activity: EventWindow(offset: 10, limit: 5, fromEnd: false)))
            #expect(middle.activity.map(\.seq) == [11, 12, 13, 14, 15] && middle.activityOffset == 10 && middle.activityTotal == 24)
        }
    }

    @Test(arguments: Engine.available)
    func textSearchFindsNotes(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            try s.desk.perform(.annotate("called the Fromagerie back"), on: "L-0000002", actor: "ana")
            let found = try s.desk.snapshot(SnapshotQuery(text: "fromagerie"))
            #expect(found.incoming.map(\.id) == ["L-0000002"] && found.incomingTotal == 1)
        }
    }

    @Test(arguments: Engine.available)
    func countingStopsAtTheLimitAndSaysSo(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let capped = try s.desk.snapshot(SnapshotQuery(route: "enterprise-emea", exceptions: ListWindow(limit: 0), countLimit: 1))
            #expect(capped.exceptionsTotal == 1 && capped.exceptionsTotalCapped)
            let exact = try s.desk.snapshot(SnapshotQuery(route: "enterprise-emea", exceptions: ListWindow(limit: 0), countLimit: 5))
            #expect(exact.exceptionsTotal == 1 && !exact.exceptionsTotalCapped)
        }
    }

    @Test(arguments: Engine.available)
    func detailHasTheRecordAndItsWholeHistory(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let detail = try #require(try s.desk.detail("L-0000002"))
            #expect(detail.record.state == .assigned && detail.record.owner == "ben")
            #expect(detail.events.map(\.kind) == [.received, .flagged, .approved])
            #expect(detail.events.map(\.actor) == ["import", "router", "olga"])
            #expect(try s.desk.detail("L-0000099") == nil)
        }
    }

    @Test(arguments: Engine.available)
    func anAbsenceTakesEffectAtOnce(_ engine: Engine) async throws {
        try await onThread {
            let s = try Scenario(engine)
            let changes = Mutex<[DeskChange]>([])
            s.desk.onChange { change in changes.withLock { $0.append(change) } }
            try s.desk.setAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-27", actor: "olga")
            #expect(changes.withLock { $0 } == [.owner("ben")])
            #expect(try s.store.absences() == [OwnerAbsence(owner: "ben", from: "2026-11-24", until: "2026-11-27")])
            #expect(s.desk.rulebook.owner("ben")?.availability(at: s.clock.now) == .outOfOffice(until: "2026-11-27"))
            let ben = try s.desk.snapshot().owners[1]
            #expect(ben.availability == .outOfOffice(until: "2026-11-27") && ben.outOfOffice == ["2026-11-24..2026-11-27"])

            // Ben had the lightest load in the pool; now the lead goes to Chloe.
            try s.insert([lead("i", email: "uma@wonka.de", employees: "2000")])
            try s.desk.drain()
            #expect(try s.store.lead("L-0000009")?.owner == "chloe")
            // A desk opened later reads the absence from the store.
            let later = try Desk(store: s.store, rulebook: exampleRulebook, clock: { s.clock.now })
            #expect(try later.snapshot().owners[1].outOfOffice == ["2026-11-24..2026-11-27"])

            #expect(throws: StoreError.unknownOwner("zed")) { try s.desk.setAbsence(owner: "zed", from: "2026-11-24", until: "2026-11-25", actor: "olga") }
            #expect(throws: DeskError.notADay("2026-02-30")) { try s.desk.setAbsence(owner: "ana", from: "2026-02-30", until: "2026-03-02", actor: "olga") }
            #expect(throws: DeskError.endsBeforeItStarts(from: "2026-11-25", until: "2026-11-24")) {
                try s.desk.setAbsence(owner: "ana", from: "2026-11-25", until: "2026-11-24", actor: "olga")
            }
        }
    }
}
