import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import PostgresNIO
import Testing

/// The console's lists on a big table: PostgreSQL reads a screenful through the schema's indexes, never by
/// reading the whole table.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct ConsoleReadsAtScaleTests {
    /// 120,000 leads, one in 20 flagged with one of three reasons, the rest given to 40 owners, each with
    /// its `routed` entry; statistics gathered, as autovacuum would.
    static func fill(_ session: PostgresSession, leads: Int) throws {
        try session.execute("""
            INSERT INTO leads (seq, id, idem_key, received_at, email, company, country, country_code, email_key, employees,
                state, owner, reason, route, pool, version, rulebook, updated_at)
            SELECT i, 'L-' || lpad(i::text, 7, '0'), 'k' || i, 1.8e9 + i, 'p' || i || '@x.com', 'Company ' || (i % 997), 'DE',
                (ARRAY['DE', 'US', 'FR', 'JP'])[i % 4 + 1], 'p' || i || '@x.com', (i % 5000)::text,
                CASE WHEN i % 20 = 0 THEN 'flagged' WHEN i % 3 = 0 THEN 'accepted' ELSE 'assigned' END,
                CASE WHEN i % 20 <> 0 THEN 'owner' || (i % 40) END,
                CASE WHEN i % 20 = 0 THEN (ARRAY['no_route', 'free_email', 'duplicate_suspect'])[i % 3 + 1] END,
                'route' || (i % 7), 'pool' || (i % 5), 3, 'v1', 1.8e9 + i + (i % 13)
            FROM generate_series(1, \(leads)) AS i
            """)
        try session.execute("""
            INSERT INTO events (seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, to_state, hash)
            SELECT 3 * i, i, 'routed', 1.8e9 + i, 'import', 3, 'v1', CASE WHEN i % 20 = 0 THEN 'no_route' END,
                CASE WHEN i % 20 <> 0 THEN 'owner' || (i % 40) END, CASE WHEN i % 20 = 0 THEN 'flagged' ELSE 'assigned' END,
                decode(repeat('00', 32), 'hex')
            FROM generate_series(1, \(leads)) AS i
            """)
        try session.execute(sql: "ANALYZE leads")
        try session.execute(sql: "ANALYZE events")
    }

    @Test func bigListsAndTheirCountsReadThroughIndexes() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let store = try PostgresStore(location: location, creating: true)
            defer { store.close() }
            let session = try PostgresSession.open(location)
            defer { session.close() }
            try Self.fill(session, leads: 120_000)
            // Each list, and whether it holds few of the leads: the count of a list that holds many stops at
            // the count limit after reading that many rows in table order, which is the quick way there.
            let lists: [(LeadListQuery, few: Bool)] = [
                (LeadListQuery(), false), (LeadListQuery(state: .flagged), true), (LeadListQuery(state: .assigned), false),
                (LeadListQuery(reason: .freeEmail), true), (LeadListQuery(order: .longestFlagged), true),
                (LeadListQuery(reason: .noRoute, order: .longestFlagged), true), (LeadListQuery(owner: "owner7"), true),
                (LeadListQuery(state: .assigned, owner: "owner7"), true), (LeadListQuery(order: .longestFlagged, offset: 2_000), true),
                (LeadListQuery(order: .longestFlagged, sort: ListSort("waiting", descending: true)), true),
            ]
            for (list, few) in lists {
                let terms = ListOrder.leadTerms(list, fields: PostgresStore.leadSortFields)
                let page = PostgresStore.summariesQuery(list, terms: terms, reversed: false, offset: list.offset, limit: 500)
                var count = BoundSQL()
                let clause = PostgresStore.whereClause(list, &count)
                count.sql = "SELECT count(*) FROM (SELECT 1 FROM leads \(clause) LIMIT 10000) matching"
                for query in few ? [page, count] : [page] {
                    let plan = try session.values(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), as: String.self)
                        .joined(separator: "\n")
                    #expect(!plan.contains("Seq Scan"), "\(list): \(query.sql)\n\(plan)")
                }
            }
            // The baseline's reads of the log: the day's hand-offs and the arrivals per minute, on their partial indexes.
            for (query, index) in [(PostgresStore.factsQuery(where: PostgresStore.handoffs(since: Date(timeIntervalSince1970: 1.8e9 + 110_000))), "events_handoffs"),
                                   (PostgresStore.arrivalsQuery(from: 1.8e9 + 60_000, to: 1.8e9 + 63_600), "events_arrivals")] {
                let plan = try session.values(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), as: String.self)
                    .joined(separator: "\n")
                #expect(plan.contains(index) && !plan.contains("Seq Scan on events") && !plan.contains("events_pkey"), "\(query.sql)\n\(plan)")
            }
            // The pages themselves: a screenful each, with the list's count.
            let readout = try store.consoleRead(ConsoleRequest(afterEvent: 360_000 - 30, lists: lists.map(\.0), countLimit: 10_000))
            #expect(readout.lists.map(\.rows.count) == Array(repeating: 500, count: lists.count))
            #expect(readout.lists[1].total == 6_000 && readout.lists[4].total == 6_000 && !readout.lists[4].capped)
            #expect(readout.lists[0].total == 10_000 && readout.lists[0].capped)
            #expect(readout.lists[4].rows.map(\.updatedAt) == readout.lists[4].rows.map(\.updatedAt).sorted())
            #expect(readout.facts.count == 30 && readout.latestEvent == 360_000)
        }
        try await TestServer.drop(location)
    }

    /// The Exceptions view's refresh (its list and the counts beside it) on 100,000 leads routed through the
    /// desk, timed on both engines on the same contents. Set HANDOFF_MEASURE_CONSOLE=1 to run it: filling the
    /// SQLite store takes a while.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HANDOFF_MEASURE_CONSOLE"] == "1"))
    func exceptionsRefreshTimedOnBothEngines() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillAtScale(100_000)
            let latest = try twins.sqlite.latestEvent()
            let counts = try twins.sqlite.counts()
            // What the desk asks when the Exceptions view is open: both lists of flagged leads, counted, the
            // log's newest page and the entries since the last refresh.
            let request = ConsoleRequest(afterEvent: latest - 50, lists: [
                LeadListQuery(state: .flagged, limit: 500), LeadListQuery(order: .longestFlagged, limit: 500),
            ], countLimit: 10_000, events: EventWindow())
            ConsoleReadsTests.expectSame(try twins.postgres.consoleRead(request), try twins.sqlite.consoleRead(request), request)
            func time(_ read: () throws -> ConsoleReadout) throws -> Double {
                var best = Double.infinity
                for _ in 0..<20 {
                    let start = ContinuousClock.now
                    _ = try read()
                    let d = ContinuousClock.now - start
                    best = min(best, Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) / 1e15)
                }
                return best
            }
            let postgres = try time { try twins.postgres.consoleRead(request) }
            let sqlite = try time { try twins.sqlite.consoleRead(request) }
            print("Exceptions refresh on \(counts.byState.values.reduce(0, +)) leads (\(counts.byState[.flagged] ?? 0) flagged), best of 20: "
                  + "PostgreSQL \(String(format: "%.2f", postgres)) ms, SQLite \(String(format: "%.2f", sqlite)) ms")
            #expect(postgres < 1_000 && sqlite < 1_000)
        }
        try await TestServer.drop(location)
    }
}
