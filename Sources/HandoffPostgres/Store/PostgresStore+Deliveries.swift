import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The delivery log on PostgreSQL: the handoff log as the outbox, a cursor per target, as on SQLite.
extension PostgresStore: DeliveryStore {
    public func registerDeliveryTargets(_ targets: [String]) throws {
        guard !targets.isEmpty else { return }
        try write { tx in
            let latest = try tx.value("SELECT coalesce(max(seq), 0)::bigint FROM events", as: Int64.self) ?? 0
            try tx.execute("""
                INSERT INTO delivery_cursors (target, after_event) SELECT t, \(latest) FROM unnest(\(targets)::text[]) AS t
                ON CONFLICT (target) DO NOTHING
                """)
        }
    }

    public func takeDeliveries(targets: [String], limit: Int, at: Date, plan: (String, HandbackEntry) throws -> DeliveryPlan?) throws -> Int {
        guard !targets.isEmpty, limit > 0 else { return 0 }
        return try write { tx in
            // Takers take turns with each other and with the log's writers (the write's turn): a cursor moves
            // with the deliveries it covers, and no entry is made into a delivery twice.
            var cursors: [String: Int64] = [:]
            for (target, after) in try tx.rows("SELECT target, after_event FROM delivery_cursors WHERE target = ANY(\(targets))", as: (String, Int64).self) {
                cursors[target] = after
            }
            if let unknown = targets.first(where: { cursors[$0] == nil }) { throw DeliveryTargetUnknown(target: unknown) }
            let from = cursors.values.min() ?? 0
            // Read inside the write, which every appender waits for: nothing can be committed between this and the cursors' move.
            let latest = try tx.value("SELECT coalesce(max(seq), 0)::bigint FROM events", as: Int64.self) ?? 0
            guard latest > from else { return 0 }
            let rows = try tx.columns("""
                \(unescaped: Self.entrySelect) WHERE e.seq > \(from) AND e.seq <= \(latest) AND e.kind = ANY(\(HandbackKinds.stored))
                ORDER BY e.seq LIMIT \(limit)
                """)
            let events = try rows.flatMap(Self.events(from:)).filter { $0.seq > from }
            // Each lead as it is stored now, read once for all its entries.
            let serials = Array(Set(events.compactMap { LeadId.serial($0.leadId).map(Int64.init) }))
            var records: [Int: LeadRecord] = [:]
            for c in try tx.columns("SELECT \(unescaped: Self.recordColumns) FROM leads WHERE seq = ANY(\(serials))") {
                records[try c.int("seq")] = try Self.record(from: c, words: { self.storedWords.words($0, tx) })
            }
            var made = DeliveryRows()
            for event in events {
                guard let handback = HandbackEvent.of(event.kind, to: event.detail.to),
                      let serial = LeadId.serial(event.leadId), let record = records[serial]
                else { continue }
                let entry = HandbackEntry(event: event, handback: handback, lead: record.lead, state: record.state)
                for target in targets where event.seq > cursors[target]! {
                    guard let planned = try plan(target, entry) else { continue }
                    try made.append(target: target, lead: serial, event: event.seq, type: handback.type, plan: planned, at: at, session: tx)
                }
            }
            try made.flush(tx)
            // Past every entry read; when fewer than `limit` matched, past the newest entry of all.
            let reached: Int64 = try rows.count == limit ? rows.last!.value("seq") : latest
            try tx.execute("UPDATE delivery_cursors SET after_event = \(reached) WHERE target = ANY(\(targets)) AND after_event < \(reached)")
            return made.count
        }
    }

    static let deliveryColumns = """
        seq, target, lead, event_seq, event, owner, path, body, status, attempts, round_attempts, created_at, next_at, updated_at, last_code, last_error
        """

    static func delivery(from c: Columns) throws -> StoredDelivery {
        StoredDelivery(
            id: try c.value("seq"), target: try c.value("target"), leadId: LeadId.make(try c.int("lead")), eventSeq: try c.value("event_seq"),
            event: try c.value("event"), owner: try c.text("owner"), path: try c.text("path"), body: try c.value("body"),
            status: DeliveryStatus(rawValue: try c.value("status")) ?? .pending,
            attempts: Int(try c.value("attempts", as: Int32.self)), roundAttempts: Int(try c.value("round_attempts", as: Int32.self)),
            createdAt: try c.date("created_at"), nextAt: try c.value("next_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            updatedAt: try c.date("updated_at"), lastCode: try c.value("last_code", as: Int32?.self).map(Int.init), lastError: try c.text("last_error"))
    }

    /// A delivery is a lead's next to its target when no earlier one of the lead to that target is pending.
    static let isLeadsNext = """
        NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.target = d.target AND e.lead = d.lead AND e.seq < d.seq)
        """

    /// Takes the due deliveries as claims of this store (`DeliveryClaims`): one another store claims is
    /// never handed out here, and one this store claims is handed out again only here (its in-flight ones
    /// the caller leaves out with `excluding`, as on SQLite).
    public func dueDeliveries(targets: [String], at: Date, excluding: Set<Int64>, limit: Int) throws -> [StoredDelivery] {
        guard !targets.isEmpty, limit > 0 else { return [] }
        let time = at.timeIntervalSince1970
        return try deliveryClaims.with(pool) { session, held in
            let candidates = try session.values("""
                SELECT d.seq FROM deliveries d
                WHERE d.status = 'pending' AND d.next_at <= \(time) AND d.target = ANY(\(targets)) AND d.seq <> ALL(\(Array(excluding)))
                  AND \(unescaped: Self.isLeadsNext) AND d.seq NOT IN (\(unescaped: DeliveryClaims.claimedElsewhere))
                ORDER BY d.next_at, d.seq LIMIT \(limit)
                """, as: Int64.self)
            guard !candidates.isEmpty else { return [] }
            let fresh = candidates.filter { !held.contains($0) }
            let claimed = fresh.isEmpty ? [] : try session.values("SELECT k FROM unnest(\(fresh)::bigint[]) AS k WHERE pg_try_advisory_lock(k)", as: Int64.self)
            held.formUnion(claimed)
            // Read again under the claims: another store may have answered one between the first read and its lock
            // (it records the answer before it lets the claim go, so this statement sees the answer).
            let mine = candidates.filter(held.contains)
            let due = try session.columns("""
                SELECT \(unescaped: Self.deliveryColumns) FROM deliveries d
                WHERE d.seq = ANY(\(mine)) AND d.status = 'pending' AND d.next_at <= \(time) AND \(unescaped: Self.isLeadsNext)
                ORDER BY d.next_at, d.seq
                """).map(Self.delivery(from:))
            let stale = Set(claimed).subtracting(due.map(\.id))
            if !stale.isEmpty {
                try session.execute("SELECT pg_advisory_unlock(k) FROM unnest(\(Array(stale))::bigint[]) AS k")
                held.subtract(stale)
            }
            return due
        }
    }

    public func nextDeliveryDue(targets: [String]) throws -> Date? {
        guard !targets.isEmpty else { return nil }
        return try readOne { s in
            let next = try s.value("SELECT min(next_at) FROM deliveries WHERE status = 'pending' AND target = ANY(\(targets))", as: Double?.self)
            return (next ?? nil).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) throws {
        guard !attempts.isEmpty else { return }
        try write { tx in
            for attempt in attempts {
                guard let number = try tx.value("SELECT attempts FROM deliveries WHERE seq = \(attempt.delivery)", as: Int32.self) else { continue }
                try tx.execute("""
                    INSERT INTO delivery_attempts (delivery, attempt, at, code, error, seconds)
                    VALUES (\(attempt.delivery), \(Int(number) + 1), \(attempt.at.timeIntervalSince1970), \(attempt.code), \(attempt.error), \(attempt.seconds))
                    """)
                let (status, next): (DeliveryStatus, Double?) = switch attempt.next {
                case .delivered: (.delivered, nil)
                case .retry(let when): (.pending, when.timeIntervalSince1970)
                case .dead: (.dead, nil)
                }
                try tx.execute("""
                    UPDATE deliveries SET status = \(status.rawValue), next_at = \(next), attempts = attempts + 1, round_attempts = round_attempts + 1,
                        last_code = \(attempt.code), last_error = \(attempt.error), updated_at = \(attempt.at.timeIntervalSince1970)
                    WHERE seq = \(attempt.delivery)
                    """)
            }
        }
        // After the commit: a claim let go before it would hand another store a delivery already answered.
        deliveryClaims.release(attempts.map(\.delivery))
    }

    public func deliveries(failedOnly: Bool, limit: Int) throws -> [StoredDelivery] {
        let limit = max(limit, 0)
        return try readOne { s in
            let query: PostgresQuery = failedOnly
                ? "SELECT \(unescaped: Self.deliveryColumns) FROM deliveries WHERE status = 'dead' ORDER BY seq DESC LIMIT \(limit)"
                : "SELECT \(unescaped: Self.deliveryColumns) FROM deliveries ORDER BY seq DESC LIMIT \(limit)"
            return try s.columns(query).map(Self.delivery(from:))
        }
    }

    public func delivery(_ id: Int64) throws -> StoredDelivery? {
        try readOne { s in
            try s.firstColumns("SELECT \(unescaped: Self.deliveryColumns) FROM deliveries WHERE seq = \(id)").map(Self.delivery(from:))
        }
    }

    public func deliveryAttempts(_ id: Int64) throws -> [DeliveryAttemptRecord] {
        try readOne { s in
            try s.rows("SELECT attempt, at, code, error, seconds FROM delivery_attempts WHERE delivery = \(id) ORDER BY attempt",
                       as: (Int32, Double, Int32?, String?, Double).self).map { row in
                DeliveryAttemptRecord(attempt: Int(row.0), at: Date(timeIntervalSince1970: row.1), code: row.2.map(Int.init), error: row.3, seconds: row.4)
            }
        }
    }

    public func retryDeliveries(_ ids: [Int64]?, at: Date) throws -> [Int64] {
        try write { tx in
            let chosen: [Int64]
            if let ids {
                let dead = Set(try tx.values("SELECT seq FROM deliveries WHERE seq = ANY(\(ids)) AND status = 'dead'", as: Int64.self))
                chosen = ids.filter(dead.contains)
            } else {
                chosen = try tx.values("SELECT seq FROM deliveries WHERE status = 'dead' ORDER BY seq", as: Int64.self)
            }
            let time = at.timeIntervalSince1970
            try tx.execute("""
                UPDATE deliveries SET status = 'pending', next_at = \(time), round_attempts = 0, updated_at = \(time) WHERE seq = ANY(\(chosen))
                """)
            return chosen
        }
    }

    public func deliveryCounts() throws -> [DeliveryStatus: Int] {
        try readOne { s in
            var counts: [DeliveryStatus: Int] = [:]
            for (status, count) in try s.rows("SELECT status, count(*) FROM deliveries GROUP BY status", as: (String, Int64).self) {
                if let status = DeliveryStatus(rawValue: status) { counts[status] = Int(count) }
            }
            return counts
        }
    }
}

/// New deliveries kept for multi-row INSERTs.
private struct DeliveryRows {
    private var binds = PostgresBindings()
    private var rows = 0
    private(set) var count = 0

    static let width = 12
    /// PostgreSQL binds at most 65,535 parameters a statement.
    static let rowsPerStatement = 4_000

    @available(*, noasync, message: "blocks its thread")
    mutating func append(target: String, lead: Int, event: Int64, type: String, plan: DeliveryPlan, at: Date, session: PostgresSession) throws {
        let status: DeliveryStatus = plan.skipped == nil ? .pending : .skipped
        let time = at.timeIntervalSince1970
        binds.append(target)
        binds.append(Int64(lead))
        binds.append(event)
        binds.append(type)
        binds.append(plan.owner)
        binds.append(plan.path)
        binds.append(plan.body)
        binds.append(status.rawValue)
        binds.append(time)
        binds.append(status == .pending ? time : nil)
        binds.append(time)
        binds.append(plan.skipped)
        rows += 1
        count += 1
        if rows == Self.rowsPerStatement { try flush(session) }
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func flush(_ session: PostgresSession) throws {
        guard rows > 0 else { return }
        let sql = """
            INSERT INTO deliveries (target, lead, event_seq, event, owner, path, body, status, created_at, next_at, updated_at, last_error) VALUES
            """ + " " + PostgresRows.placeholders(rows: rows, width: Self.width)
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        binds = PostgresBindings()
        rows = 0
        try session.execute(query)
    }
}
