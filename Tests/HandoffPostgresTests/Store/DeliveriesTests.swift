import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct PostgresDeliveriesTests {
    static let t = Date(timeIntervalSince1970: 1_800_001_000)

    /// Four leads: one routed in one entry and accepted, one flagged on arrival, one received, checked,
    /// assigned, annotated and reassigned entry by entry, one only received.
    static let log: [String] = [
        EngineTwin.lead(1, state: "accepted", owner: "ana", version: 4),
        EngineTwin.lead(2, state: "flagged", reason: "missing_field", version: 2),
        EngineTwin.lead(3, state: "assigned", owner: "bo", version: 5),
        EngineTwin.lead(4, state: "received", version: 1),
        EngineTwin.entry(3, lead: 1, "routed", version: 3, owner: "ana", to: "assigned"),
        EngineTwin.entry(5, lead: 2, "routed", version: 2, reason: "missing_field", to: "flagged"),
        EngineTwin.entry(6, lead: 3, "received", version: 1, to: "received"),
        EngineTwin.entry(7, lead: 3, "checked", version: 2, from: "received", to: "ready"),
        EngineTwin.entry(8, lead: 3, "assigned", version: 3, owner: "ana", from: "ready", to: "assigned"),
        EngineTwin.entry(9, lead: 1, "accepted", version: 4, owner: "ana", from: "assigned", to: "accepted"),
        EngineTwin.entry(10, lead: 4, "received", version: 1, to: "received"),
        EngineTwin.entry(11, lead: 3, "annotated", version: 4, from: "assigned", to: "assigned"),
        EngineTwin.entry(12, lead: 3, "reassigned", version: 5, owner: "bo", previous: "ana", from: "assigned", to: "assigned"),
    ]

    /// The webhook gets every event; the CRM skips flags (no record to write to).
    static func plan(_ target: String, _ entry: HandbackEntry) -> DeliveryPlan? {
        if target == "crm", entry.handback == .flagged { return DeliveryPlan(body: "", owner: nil, skipped: "no record for a flagged lead") }
        return DeliveryPlan(body: "\(entry.handback.type) \(entry.event.seq) \(entry.lead.company ?? "-") \(entry.state.rawValue)",
                            owner: entry.event.detail.owner, path: target == "crm" ? "/leads/\(entry.lead.id)" : nil)
    }

    /// Registers, takes, hands out, attempts, retries and dead-letters on `store`, writing down every answer.
    @available(*, noasync)
    static func script(_ store: any DeliveryStore, writeLog: () throws -> Void) throws -> [String] {
        var out: [String] = []
        func note(_ label: String, _ value: Any) { out.append("\(label): \(value)") }
        func show(_ deliveries: [StoredDelivery]) -> String { deliveries.map { "\($0)" }.joined(separator: "\n  ") }

        try store.registerDeliveryTargets(["webhook:a", "crm"])
        try writeLog()
        try store.registerDeliveryTargets(["webhook:late", "webhook:a"])
        do {
            note("unknown", try store.takeDeliveries(targets: ["webhook:b"], limit: 10, at: t, plan: plan))
        } catch {
            note("unknown refused", error)
        }
        note("late", try store.takeDeliveries(targets: ["webhook:late"], limit: 10, at: t, plan: plan))
        note("part", try store.takeDeliveries(targets: ["webhook:a", "crm"], limit: 2, at: t, plan: plan))
        note("rest", try store.takeDeliveries(targets: ["webhook:a", "crm"], limit: 100, at: t, plan: plan))
        note("again", try store.takeDeliveries(targets: ["webhook:a", "crm"], limit: 100, at: t, plan: plan))
        note("all", show(try store.deliveries(failedOnly: false, limit: 100)))
        note("next", try store.nextDeliveryDue(targets: ["webhook:a"]) as Any)

        let later = t.addingTimeInterval(1)
        var due = try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later, excluding: [], limit: 10)
        note("due", show(due))
        note("due again", show(try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later, excluding: [], limit: 10)))
        note("due limited", show(try store.dueDeliveries(targets: ["webhook:a"], at: later, excluding: [], limit: 1)))
        note("in flight", show(try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later, excluding: Set(due.map(\.id)), limit: 10)))
        let first = due[0], second = due[1]
        try store.recordDeliveryAttempts([
            DeliveryAttempt(delivery: first.id, at: later, code: 503, error: "503 Service Unavailable", seconds: 0.25, next: .retry(at: later.addingTimeInterval(60))),
            DeliveryAttempt(delivery: second.id, at: later, code: 200, error: nil, seconds: 0.5, next: .delivered),
            DeliveryAttempt(delivery: 9_999, at: later, code: 200, error: nil, seconds: 0.5, next: .delivered),
        ])
        due = try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later, excluding: [], limit: 10)
        note("after attempts", show(due))
        note("next after", try store.nextDeliveryDue(targets: ["webhook:a", "crm"]) as Any)
        try store.recordDeliveryAttempts([
            DeliveryAttempt(delivery: first.id, at: later.addingTimeInterval(60), code: nil, error: "timed out after 10 s", seconds: 10, next: .retry(at: later.addingTimeInterval(120))),
        ])
        try store.recordDeliveryAttempts([
            DeliveryAttempt(delivery: first.id, at: later.addingTimeInterval(120), code: 401, error: "refused", seconds: 0.1, next: .dead),
        ])
        note("dead", show(try store.deliveries(failedOnly: true, limit: 10)))
        note("first", try store.delivery(first.id).map { "\($0)" } ?? "none")
        note("none", try store.delivery(9_999).map { "\($0)" } ?? "none")
        note("attempts", try store.deliveryAttempts(first.id))
        note("counts", try store.deliveryCounts().sorted { $0.key.rawValue < $1.key.rawValue })
        note("due after dead", show(try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later, excluding: [], limit: 10)))
        note("retry named", try store.retryDeliveries([second.id, 9_999, first.id], at: later.addingTimeInterval(200)))
        note("retry all", try store.retryDeliveries(nil, at: later.addingTimeInterval(300)))
        note("retried", try store.delivery(first.id).map { "\($0)" } ?? "none")
        note("due after retry", show(try store.dueDeliveries(targets: ["webhook:a", "crm"], at: later.addingTimeInterval(200), excluding: [], limit: 10)))
        note("counts after", try store.deliveryCounts().sorted { $0.key.rawValue < $1.key.rawValue })
        return out
    }

    @Test func theSameLogGivesTheSameDeliveriesAttemptsRetriesAndDeadLettersAsOnSQLite() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twin = try EngineTwin(location: location)
            defer { twin.close() }
            let onSQLite = try Self.script(twin.sqlite) { try twin.executeOnSQLite(Self.log) }
            let onPostgres = try Self.script(twin.postgres) { try twin.executeOnPostgres(Self.log) }
            // The script is not empty of substance: the log gave deliveries of every kind it has.
            #expect(onSQLite.contains { $0.hasPrefix("rest: ") && $0 != "rest: 0" })
            #expect(onSQLite.contains { $0.contains("lead.reassigned") && $0.contains("lead.accepted") && $0.contains("status: HandoffStore.DeliveryStatus.skipped") })
            for (sqlite, postgres) in zip(onSQLite, onPostgres) { #expect(postgres == sqlite) }
            #expect(onPostgres.count == onSQLite.count)
        }
        try await TestServer.drop(location)
    }

    /// Deliveries written directly: `leads` leads with `each` pending deliveries each, all due.
    static func pending(leads: Int, each: Int) -> [String] {
        (1...leads).flatMap { lead in
            (1...each).map { n in
                """
                INSERT INTO deliveries (target, lead, event_seq, event, body, status, created_at, next_at, updated_at)
                VALUES ('webhook:a', \(lead), \(lead * 100 + n), 'lead.assigned', 'body', 'pending', 1800000000, \(1_800_000_000 + n), 1800000000)
                """
            }
        }
    }

    @Test func twoTakersOnTwoThreadsNeverTakeTheSameDelivery() async throws {
        let location = try await TestServer.freshDatabase()
        let total = 30 * 3
        let (a, b) = try await onThread {
            let a = try PostgresStore(location: location, creating: true), b = try PostgresStore(location: location)
            let session = try PostgresSession.open(location)
            defer { session.close() }
            for statement in Self.pending(leads: 30, each: 3) { try session.execute(sql: statement) }
            return (a, b)
        }
        @Sendable func take(_ store: PostgresStore) throws -> [Int64] {
            var taken: [Int64] = []
            var idle = 0
            while idle < 20 {
                let due = try store.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 4)
                if due.isEmpty {
                    idle += 1
                    Thread.sleep(forTimeInterval: 0.005)
                    continue
                }
                idle = 0
                taken += due.map(\.id)
                try store.recordDeliveryAttempts(due.map { DeliveryAttempt(delivery: $0.id, at: Self.t, code: 200, error: nil, seconds: 0, next: .delivered) })
            }
            return taken
        }
        async let byA = onThread { try take(a) }
        async let byB = onThread { try take(b) }
        let (takenA, takenB) = try await (byA, byB)
        let all = takenA + takenB
        #expect(all.count == total, "every delivery taken once: \(all.count) takes of \(total)")
        #expect(Set(all).count == total)
        #expect(Set(takenA).isDisjoint(with: takenB))
        // Both took a share (each taker is refused the other's claims, not starved by them).
        #expect(!takenA.isEmpty && !takenB.isEmpty)
        try await onThread {
            #expect(try a.deliveryCounts() == [.delivered: total])
            let session = try PostgresSession.open(location)
            defer { session.close() }
            #expect(try session.value("SELECT count(*) FROM delivery_attempts WHERE attempt = 1", as: Int64.self) == Int64(total))
            #expect(try session.value("SELECT count(*) FROM delivery_attempts WHERE attempt > 1", as: Int64.self) == 0)
            a.close()
            b.close()
        }
        try await TestServer.drop(location)
    }

    @Test func aTakersClaimsEndWithItsConnectionAndNoDeliveryIsLost() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let a = try PostgresStore(location: location, creating: true), b = try PostgresStore(location: location)
            defer { a.close(); b.close() }
            let admin = try PostgresSession.open(location)
            defer { admin.close() }
            for statement in Self.pending(leads: 3, each: 1) { try admin.execute(sql: statement) }
            let takenByA = try a.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 2)
            #expect(takenByA.map(\.id) == [1, 2])
            // B is handed only the one A did not take; A its own again (it leaves its in-flight ones out itself).
            #expect(try b.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 10).map(\.id) == [3])
            #expect(try a.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 10).map(\.id) == [1, 2])
            // A's process dies: its connection ends, and with it its claims.
            try admin.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND objsubid = 1 AND objid::bigint = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)
            let free = try seconds(within: 10) {
                try b.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 10).map(\.id) == [1, 2, 3]
            }
            #expect(free != nil)
            // A comes back with a new connection and is refused B's claims.
            #expect(try seconds(within: 10) { (try? a.dueDeliveries(targets: ["webhook:a"], at: Self.t, excluding: [], limit: 10).isEmpty) == true } != nil)
            // Answered by B: the claims go with the answers, and A may take the retry when it is due.
            try b.recordDeliveryAttempts([1, 2, 3].map {
                DeliveryAttempt(delivery: $0, at: Self.t, code: 500, error: "500", seconds: 0, next: .retry(at: Self.t.addingTimeInterval(5)))
            })
            #expect(try a.dueDeliveries(targets: ["webhook:a"], at: Self.t.addingTimeInterval(5), excluding: [], limit: 10).map(\.id) == [1, 2, 3])
        }
        try await TestServer.drop(location)
    }
}
