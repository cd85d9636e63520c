import Foundation
import Synchronization
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    var now: Date { instant.withLock { $0 } }
    func set(_ text: String) { instantSet(at(text)) }
    func instantSet(_ date: Date) { instant.withLock { $0 = date } }
}

/// "14:05" on Tuesday 2026-11-24, UTC.
func at(_ time: String) -> Date { ISO8601DateFormatter().date(from: "2026-11-24T\(time):00Z")! }

/// Eight leads over half an hour: assigned, flagged, approved, accepted, annotated, one still queued.
///
///     14:05  L1 DE enterprise -> ana; L2 no company (flagged); L3 US small -> dan; L4 gmail (flagged); L5 JP (no route)
///     14:12  L6 FR enterprise -> ben; L7 US small -> eve
///     14:15  ana accepts L1 (10 min)    14:20  L2 approved    14:22  dan accepts L3 (17 min)
///     14:25  L8 arrives, not routed     14:26  L4 annotated
struct Scenario {
    let store: SQLiteStore
    let clock: ManualClock
    let desk: Desk

    init() throws {
        store = try temporaryStore()
        clock = ManualClock(at("14:05"))
        let clock = clock
        desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
        try insert([
            lead("a", email: "jo@globex.de"),
            lead("b", email: "max@umbrella.de", company: nil),
            lead("c", email: "kim@initech.us", country: "US", employees: "50"),
            lead("d", email: "pat@gmail.com"),
            lead("e", email: "yui@tyrell.jp", country: "Japan", employees: "300"),
        ])
        try desk.drain()
        clock.set("14:12")
        try insert([lead("f", email: "ann@initech.fr", country: "FR", employees: "5000"), lead("g", email: "lee@hooli.com", country: "US", employees: "20")])
        try desk.drain()
        clock.set("14:15")
        try desk.perform(.accept, on: "L-0000001", actor: "owner:ana")
        clock.set("14:20")
        try desk.perform(.approve, on: "L-0000002", actor: "olga")
        clock.set("14:22")
        try desk.perform(.accept, on: "L-0000003", actor: "owner:dan")
        clock.set("14:25")
        try insert([lead("h", email: "lee.weber@soylent.de", employees: "1500")])
        clock.set("14:26")
        try desk.perform(.annotate("called, no answer"), on: "L-0000004", actor: "olga")
        clock.set("14:30")
    }

    func insert(_ leads: [Lead]) throws {
        _ = try store.insert(incoming(leads), quarantine: [], at: clock.now, actor: "import")
    }
}

@Suite struct ConsoleSnapshotTests {
    @Test func listsAndTotals() throws {
        let s = try Scenario()
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

    @Test func exceptionsTieOnTimeGoToTheOldestLead() throws {
        let store = try temporaryStore()
        let clock = ManualClock(at("14:00"))
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

    @Test func everyFilter() throws {
        let s = try Scenario()
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

    @Test func everyRowOfAListIsReachableAPageAtATime() throws {
        let s = try Scenario()
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

    @Test func theStoreSortsAWholeListAndFindsTheAnchorLeadInIt() throws {
        let s = try Scenario()
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

    @Test func textSearchFindsNotes() throws {
        let s = try Scenario()
        try s.desk.perform(.annotate("called the Fromagerie back"), on: "L-0000002", actor: "ana")
        let found = try s.desk.snapshot(SnapshotQuery(text: "fromagerie"))
        #expect(found.incoming.map(\.id) == ["L-0000002"] && found.incomingTotal == 1)
    }

    @Test func countingStopsAtTheLimitAndSaysSo() throws {
        let s = try Scenario()
        let capped = try s.desk.snapshot(SnapshotQuery(route: "enterprise-emea", exceptions: ListWindow(limit: 0), countLimit: 1))
        #expect(capped.exceptionsTotal == 1 && capped.exceptionsTotalCapped)
        let exact = try s.desk.snapshot(SnapshotQuery(route: "enterprise-emea", exceptions: ListWindow(limit: 0), countLimit: 5))
        #expect(exact.exceptionsTotal == 1 && !exact.exceptionsTotalCapped)
    }

    @Test func ownersOnTheirOwnClocks() throws {
        let s = try Scenario()
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

    @Test func minuteBucketsEndWithTheCurrentMinute() throws {
        let s = try Scenario()
        s.clock.instantSet(at("14:30").addingTimeInterval(42))
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

    @Test func breachesAreAssignedLeadsPastTheirAcceptByTime() throws {
        let s = try Scenario()
        #expect(try s.desk.snapshot().slaBreaches == 0)
        s.clock.set("14:45") // L6 and L7 were due at 14:42; L2 (approved 14:20) is due at 14:50
        #expect(try s.desk.snapshot().slaBreaches == 2)
        s.clock.set("14:47")
        try s.desk.perform(.accept, on: "L-0000007", actor: "owner:eve")
        #expect(try s.desk.snapshot().slaBreaches == 1)
        s.clock.set("14:51")
        #expect(try s.desk.snapshot().slaBreaches == 2)
    }

    @Test func assignedTodayAndAcceptMedianFollowEachOwnersMidnight() throws {
        // New York's midnight is 05:00 UTC.
        let store = try temporaryStore()
        let clock = ManualClock(at("04:40"))
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

    @Test func runningFiguresMatchAFreshDesk() throws {
        let s = try Scenario()
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

    @Test func detailHasTheRecordAndItsWholeHistory() throws {
        let s = try Scenario()
        let detail = try #require(try s.desk.detail("L-0000002"))
        #expect(detail.record.state == .assigned && detail.record.owner == "ben")
        #expect(detail.events.map(\.kind) == [.received, .flagged, .approved])
        #expect(detail.events.map(\.actor) == ["import", "router", "olga"])
        #expect(try s.desk.detail("L-0000099") == nil)
    }

    @Test func anAbsenceTakesEffectAtOnce() throws {
        let s = try Scenario()
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
