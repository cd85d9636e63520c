import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import PostgresNIO
import Testing

/// The console's reads on PostgreSQL give what they give on SQLite, on the same store contents: the
/// baseline, and every list, filter, order, sort and page a refresh can ask for.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct ConsoleReadsTests {
    static func expectSame(_ p: ConsoleBaseline, _ s: ConsoleBaseline, _ what: String) {
        #expect(p.counts == s.counts, "\(what): counts")
        #expect(p.open.sorted { $0.leadId < $1.leadId } == s.open.sorted { $0.leadId < $1.leadId }, "\(what): open assignments")
        #expect(p.handoffs == s.handoffs, "\(what): handoffs")
        #expect(p.receivedPerMinute == s.receivedPerMinute, "\(what): arrivals per minute")
        #expect(p.recent == s.recent, "\(what): recent entries")
        #expect(p.latestEvent == s.latestEvent && p.generation == s.generation, "\(what): head")
    }

    static func expectSame(_ p: ConsoleReadout, _ s: ConsoleReadout, _ request: ConsoleRequest) {
        #expect(p.facts == s.facts && p.factsComplete == s.factsComplete, "facts after \(request.afterEvent) (limit \(request.factLimit))")
        #expect(p.recent == s.recent, "recent after \(request.afterEvent)")
        #expect(p.lists.count == s.lists.count)
        for (i, (pg, lite)) in zip(p.lists, s.lists).enumerated() {
            #expect(pg == lite, "list \(request.lists[i]) (count limit \(request.countLimit)): \(pg.rows.map(\.id)) vs \(lite.rows.map(\.id))")
        }
        #expect(p.events == s.events, "log page \(String(describing: request.events))")
        #expect(p.openLoad == s.openLoad && p.quarantined == s.quarantined, "load and quarantine")
        #expect(p.latestEvent == s.latestEvent && p.generation == s.generation, "head")
    }

    @Test func baselineIsTheSameOnBothEngines() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let t = TwinStores.tuesday
            for (since, from, minutes, recent) in [(t.addingTimeInterval(-7_200), t.addingTimeInterval(-5_400), 240, 30),
                                                  (t.addingTimeInterval(600), t.addingTimeInterval(59), 7, 0),
                                                  (t.addingTimeInterval(86_400), t, 0, 1_000)] {
                let p = try twins.postgres.consoleBaseline(handoffsSince: since, minutesFrom: from, minutes: minutes, recentEvents: recent)
                let s = try twins.sqlite.consoleBaseline(handoffsSince: since, minutesFrom: from, minutes: minutes, recentEvents: recent)
                Self.expectSame(p, s, "since \(since), \(minutes) minutes from \(from), \(recent) recent")
            }
            let baseline = try twins.postgres.consoleBaseline(handoffsSince: t.addingTimeInterval(-7_200), minutesFrom: t, minutes: 1, recentEvents: 5)
            // The morning holds what the comparison is about.
            #expect(Set(baseline.handoffs.map(\.kind)).isSuperset(of: [.assigned, .approved, .reassigned, .accepted]))
            #expect(baseline.handoffs.contains { $0.assignedAt != nil })
            #expect(baseline.counts.quarantined == 1 && baseline.counts.byState[.received] == 8)
            #expect(baseline.recent.count == 5 && baseline.latestEvent > 200)
        }
        try await TestServer.drop(location)
    }

    /// Every filter the request offers, alone and in pairs the console makes, read in pages of 7.
    static func filters(_ store: SQLiteStore) throws -> [LeadListQuery] {
        let leads = try store.leads(LeadFilter(limit: 10_000))
        let owner = leads.compactMap(\.owner).sorted().first!
        let route = leads.compactMap(\.route).sorted().last!
        let country = leads.compactMap { $0.lead.country }.sorted().first!
        let company = leads.compactMap { $0.lead.company }.sorted()[3]
        var filters: [LeadListQuery] = [LeadListQuery()]
        filters += LeadState.allCases.map { LeadListQuery(state: $0) }
        filters += ExceptionReason.allCases.map { LeadListQuery(reason: $0) }
        filters += [
            LeadListQuery(owner: owner), LeadListQuery(state: .assigned, owner: owner), LeadListQuery(country: country.lowercased()),
            LeadListQuery(route: route), LeadListQuery(text: "L-0000003"), LeadListQuery(text: String(company.prefix(4)).uppercased()),
            LeadListQuery(text: "100%"), LeadListQuery(text: "_"), LeadListQuery(text: "gmail"), LeadListQuery(state: .flagged, reason: .freeEmail),
        ]
        return filters.map { var q = $0; q.limit = 7; return q }
    }

    /// No sort, then every field a list may be sorted by each way, and a field it may not.
    static let sorts: [ListSort?] = [nil] + ["id", "received", "company", "country", "size", "route", "owner", "state", "reason", "waiting", "nope"]
        .flatMap { field -> [ListSort?] in [ListSort(field), ListSort(field, descending: true)] }

    @Test func everyListFilterOrderAndSortReadsTheSameRows() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let filters = try Self.filters(twins.sqlite)
            for order in [LeadListQuery.Order.newest, .longestFlagged] {
                for sort in Self.sorts {
                    let lists = filters.map { var q = $0; q.order = order; q.sort = sort; return q }
                    let request = ConsoleRequest(afterEvent: 0, lists: lists)
                    Self.expectSame(try twins.postgres.consoleRead(request), try twins.sqlite.consoleRead(request), request)
                }
            }
        }
        try await TestServer.drop(location)
    }

    @Test func pagesAnchorsEndsAndCountLimitsReadTheSameRows() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let ids = try twins.sqlite.leads(LeadFilter(limit: 10_000)).map(\.lead.id).sorted()
            let flaggedIds = try twins.sqlite.leads(LeadFilter(state: .flagged, limit: 10_000)).map(\.lead.id).sorted()
            var lists: [LeadListQuery] = []
            for base in [LeadListQuery(), LeadListQuery(state: .flagged), LeadListQuery(order: .longestFlagged), LeadListQuery(state: .assigned)] {
                for sort in [nil, ListSort("company"), ListSort("size", descending: true), ListSort("waiting"), ListSort("owner", descending: true)] {
                    func variant(_ change: (inout LeadListQuery) -> Void) {
                        var q = base
                        q.sort = sort
                        q.limit = 9
                        change(&q)
                        lists.append(q)
                    }
                    variant { $0.offset = 4 }
                    variant { $0.offset = 70 }
                    variant { $0.offset = 10_000 }
                    variant { $0.fromEnd = true }
                    variant { $0.total = 30 }
                    for anchor in [ids[0], ids[41], ids[ids.count - 1], flaggedIds[1], "L-9999999"] {
                        variant { $0.anchor = anchor; $0.above = 3; $0.offset = 2 }
                    }
                    variant { $0.anchor = flaggedIds[2]; $0.above = 40 }
                }
            }
            for countLimit in [10_000, 10, 0] {
                let request = ConsoleRequest(afterEvent: 0, lists: lists, countLimit: countLimit)
                Self.expectSame(try twins.postgres.consoleRead(request), try twins.sqlite.consoleRead(request), request)
            }
        }
        try await TestServer.drop(location)
    }

    @Test func factsRecentEntriesAndLogPagesAreTheSame() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let latest = try twins.sqlite.latestEvent()
            var windows: [EventWindow?] = [nil, EventWindow(), EventWindow(offset: 10, limit: 20, fromEnd: false),
                                           EventWindow(offset: 100_000, limit: 20, fromEnd: false), EventWindow(offset: 0, limit: 0, fromEnd: false)]
            for field in ["seq", "lead", "kind", "actor", "owner", "reason", "nope"] {
                windows.append(EventWindow(offset: 5, limit: 40, fromEnd: false, sort: ListSort(field)))
                windows.append(EventWindow(offset: 3, limit: 25, fromEnd: true, sort: ListSort(field, descending: true)))
            }
            for window in windows {
                for (after, factLimit, recent) in [(Int64(0), 200_000, 500), (latest / 2, 200_000, 25), (latest - 1, 10, 0), (latest, 10, 5),
                                                   (0, 10, 7), (latest + 3, 10, 5)] {
                    let request = ConsoleRequest(afterEvent: after, factLimit: factLimit, recentEvents: recent, events: window)
                    Self.expectSame(try twins.postgres.consoleRead(request), try twins.sqlite.consoleRead(request), request)
                }
            }
            // A `routed` entry counts as the entries it stands for on every page of the log.
            let all = try twins.postgres.consoleRead(ConsoleRequest(afterEvent: 0, events: EventWindow(offset: 0, limit: 10_000, fromEnd: false)))
            #expect(all.events.rows.map(\.seq) == Array(1...latest))
            #expect(all.facts.map(\.seq) == Array(1...latest))
        }
        try await TestServer.drop(location)
    }
}
