import Foundation
import HandoffCore
import HandoffDesk
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Synchronization
import Testing

/// Routing on PostgreSQL through the desk: the same decisions, log and ledger as on SQLite, and two
/// processes routing side by side deciding each lead once.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct RoutingTests {
    @Test func aDrainDecidesAndLogsAsOnSQLite() async throws {
        let leads = Routing.leads(1_500, seed: 11)
        let sqlite = try Routing.sqlite()
        _ = try sqlite.insert(leads, quarantine: [], at: Routing.tuesday, actor: "import")
        let expected = try Routing.desk(sqlite).drain(batchSize: 200)
        let (drained, rows, log, ledger) = try await Routing.withStore { _, store in
            _ = try store.insert(leads, quarantine: [], at: Routing.tuesday, actor: "import")
            let drained = try Routing.desk(store).drain(batchSize: 200)
            return (drained, try Routing.rows(store), try Routing.log(store), try store.ledger())
        }
        #expect(drained.routed == 1_500 && drained.assigned > 0 && !drained.flagged.isEmpty)
        #expect(drained.routed == expected.routed && drained.assigned == expected.assigned && drained.flagged == expected.flagged)
        #expect(rows == (try Routing.rows(sqlite)))
        let expectedLog = try Routing.log(sqlite)
        #expect(log.entries == expectedLog.entries && log.head == expectedLog.head)
        #expect(ledger == (try sqlite.ledger()))
    }

    @Test func aRoutedImportStoresAsOnSQLite() async throws {
        let first = Routing.leads(1_200, seed: 12)
        let second = Array(first[900...]) + Routing.leads(300, seed: 13, after: 10_000)
        let bad = [QuarantinedRecord(file: "more.csv", line: 4, field: "email", reason: "not an email", raw: "a,\u{0},b")]
        @Sendable func run(_ desk: Desk) throws -> [RoutedImport] {
            [
                try desk.importRouting(actor: "import", batchSize: 64) { feed in for lead in first { try feed.add(lead) } },
                try desk.importRouting(actor: "import", batchSize: 64) { feed in
                    for lead in second { try feed.add(lead) }
                    for record in bad { try feed.quarantine(record) }
                },
            ]
        }
        let sqlite = try Routing.sqlite()
        let expected = try run(Routing.desk(sqlite))
        let (imports, rows, log, ledger, quarantined) = try await Routing.withStore { _, store in
            let imports = try run(Routing.desk(store))
            return (imports, try Routing.rows(store), try Routing.log(store), try store.ledger(), try store.quarantined(limit: 10))
        }
        #expect(imports.map(\.stored) == expected.map(\.stored))
        #expect(imports[1].stored.accepted == 300 && imports[1].stored.alreadyPresent == 300 && imports[1].stored.quarantined == 1)
        #expect(imports.map(\.routed.assigned) == expected.map(\.routed.assigned) && imports.map(\.routed.flagged) == expected.map(\.routed.flagged))
        #expect(imports.map(\.routed.lastEvent) == expected.map(\.routed.lastEvent))
        #expect(rows == (try Routing.rows(sqlite)) && rows.count == 1_500)
        let expectedLog = try Routing.log(sqlite)
        #expect(log.entries == expectedLog.entries && log.head == expectedLog.head)
        #expect(ledger == (try sqlite.ledger()))
        #expect(quarantined == bad)
    }

    @Test func twoStoresRoutingSideBySideDecideEachLeadOnce() async throws {
        let leads = Routing.leads(200, seed: 21)
        let sqlite = try Routing.sqlite()
        _ = try sqlite.insert(leads, quarantine: [], at: Routing.tuesday, actor: "import")
        try Routing.desk(sqlite).drain(batchSize: 7)
        let (routed, outcomes, numbering, rows, log, ledger) = try await Routing.withStore { location, store in
            _ = try store.insert(leads, quarantine: [], at: Routing.tuesday, actor: "import")
            let other = try PostgresStore(location: location)
            defer { other.close() }
            let desks = [try Routing.desk(store), try Routing.desk(other)]
            let routed = Mutex<[Int]>([0, 0])
            let failure = Mutex<(any Error)?>(nil)
            let done = DispatchSemaphore(value: 0)
            for (i, desk) in desks.enumerated() {
                Thread {
                    do {
                        while true {
                            let batch = try desk.routeBatch(size: 7)
                            if batch.routed == 0 { break }
                            routed.withLock { $0[i] += batch.routed }
                        }
                    } catch {
                        failure.withLock { $0 = error }
                    }
                    done.signal()
                }.start()
            }
            done.wait()
            done.wait()
            if let error = failure.withLock({ $0 }) { throw error }
            return try store.read { s in
                let outcomes = try s.rows("""
                    SELECT lead, count(*) FROM events WHERE actor = 'router' AND kind IN ('assigned', 'flagged', 'decided') GROUP BY lead
                    """, as: (Int64, Int64).self)
                // The numbers the entries take (a `decided` one two: `RoutedEntry`), the highest, and the distinct ones stored.
                let numbering = try s.row("""
                    SELECT sum(CASE kind WHEN 'decided' THEN 2 ELSE 1 END), COALESCE(max(seq), 0), count(DISTINCT seq) + count(*) FILTER (WHERE kind = 'decided') FROM events
                    """, as: (Int64, Int64, Int64).self)
                return (routed.withLock { $0 }, outcomes, numbering, try Routing.rows(store), try Routing.log(store), try store.ledger())
            }
        }
        #expect(routed.reduce(0, +) == 200)
        #expect(outcomes.count == 200 && outcomes.allSatisfy { $0.1 == 1 })
        #expect(numbering.map { $0.0 == $0.1 && $0.1 == $0.2 && $0.0 > 400 } == true)
        // Each batch caught up with the other desk's before deciding: the decisions, log and ledger of one desk draining alone.
        #expect(rows == (try Routing.rows(sqlite)))
        let expectedLog = try Routing.log(sqlite)
        #expect(log.entries == expectedLog.entries && log.head == expectedLog.head)
        #expect(ledger == (try sqlite.ledger()))
    }

    /// A core that lost the routing lease without knowing yet (its lease connection ended, a successor
    /// took the lease) has its next batch refused inside the batch's own transaction: the epoch it took
    /// the lease with is no longer the workspace's. The successor's batches go through.
    @Test func aCoreThatLostTheLeaseHasItsNextBatchRefused() async throws {
        let leads = Routing.leads(30, seed: 5)
        let refusal = try await Routing.withStore { location, store in
            _ = try store.insert(leads, quarantine: [], at: Routing.tuesday, actor: "import")
            let successor = try PostgresStore(location: location)
            defer { successor.close() }
            let first = try store.coreLease(), second = try successor.coreLease()
            #expect(try first.tryTake())
            let (desk, next) = (try Routing.desk(store), try Routing.desk(successor))
            #expect(try desk.routeBatch(size: 10).routed == 10)
            // The server ends the holder's lease session, as when keepalive gives up on its machine.
            let admin = try PostgresSession.open(location)
            defer { admin.close() }
            let holder = try #require(try admin.value("""
                SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = \(Int64(AdvisoryKeys.routing)) AND granted
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, as: Int32.self))
            try admin.execute("SELECT pg_terminate_backend(\(holder))")
            #expect(seconds(within: 10) { (try? second.tryTake()) == true } != nil)
            var refusal = ""
            do { _ = try desk.routeBatch(size: 10) } catch { refusal = "\(error)" }
            #expect(try next.routeBatch(size: 10).routed == 10)
            #expect(try store.leads(LeadFilter(state: .received, limit: 100)).count == 10)
            return refusal
        }
        #expect(refusal.contains("the routing lease has moved on") && refusal.contains("this write is refused"))
    }

    @Test func leadsReceivedSinceArePagedOldestFirstAsOnSQLite() async throws {
        let leads = Routing.leads(3_500, seed: 31)
        let routed = Array(leads.prefix(3_200)), queued = Array(leads.suffix(300))
        let since = leads[700].lead.receivedAt
        @Sendable func ids(_ read: ((Lead) throws -> Void) throws -> Void) rethrows -> [String] {
            var ids: [String] = []
            try read { ids.append($0.id) }
            return ids
        }
        let sqlite = try Routing.sqlite()
        _ = try Routing.desk(sqlite).importRouting(actor: "import") { feed in for lead in routed { try feed.add(lead) } }
        _ = try sqlite.insert(queued, quarantine: [], at: Routing.tuesday, actor: "import")
        let expected = try ids { try sqlite.leads(receivedSince: since, each: $0) }
        let got = try await Routing.withStore { _, store in
            _ = try Routing.desk(store).importRouting(actor: "import") { feed in for lead in routed { try feed.add(lead) } }
            _ = try store.insert(queued, quarantine: [], at: Routing.tuesday, actor: "import")
            return try ids { try store.leads(receivedSince: since, each: $0) }
        }
        // Queued leads are not routed yet, so they are left out.
        #expect(got.count == 2_500 && got.first == "L-0000701" && got.last == "L-0003200")
        #expect(got == expected)
    }

    @Test func theSLATimersReadsAnswerAsOnSQLite() async throws {
        let leads = Routing.leads(400, seed: 41)
        let later = Routing.tuesday.addingTimeInterval(3_600)
        let sqlite = try Routing.sqlite()
        _ = try Routing.desk(sqlite).importRouting(actor: "import") { feed in for lead in leads { try feed.add(lead) } }
        let expected = try sqlite.assigned(before: later, limit: 50)
        let expectedOwners = try expected.map { try sqlite.owners(of: $0.id) }
        let got = try await Routing.withStore { _, store in
            _ = try Routing.desk(store).importRouting(actor: "import") { feed in for lead in leads { try feed.add(lead) } }
            let open = try store.assigned(before: later, limit: 50)
            let before = try store.reminded(open[0].id, since: Routing.tuesday)
            // A reminder a minute after the import, as the SLA timer logs it.
            try store.write { tx in
                var log = try PostgresEventWriter(tx, at: Routing.tuesday.addingTimeInterval(60))
                try log.append(try LeadId.number(open[0].id), .reminded, actor: "sla", version: open[0].version, rulebook: nil, reason: nil,
                               detail: EventDetail(owner: open[0].owner), session: tx)
                try log.flush(tx)
            }
            let reminded = [try store.reminded(open[0].id, since: Routing.tuesday), try store.reminded(open[0].id, since: Routing.tuesday.addingTimeInterval(61)),
                            try store.reminded(open[1].id, since: Routing.tuesday)]
            return (open, try open.map { try store.owners(of: $0.id) }, try store.assigned(before: Routing.tuesday.addingTimeInterval(-1), limit: 50),
                    [before] + reminded, try store.owners(of: "L-42"))
        }
        #expect(got.0.count == 50 && got.0 == expected)
        #expect(got.1 == expectedOwners && got.1.allSatisfy { $0.count == 1 })
        #expect(got.2.isEmpty && got.3 == [false, true, false, false] && got.4.isEmpty)
    }
}
