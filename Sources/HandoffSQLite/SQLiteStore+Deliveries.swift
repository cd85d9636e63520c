import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func registerDeliveryTargets(_ targets: [String]) throws {
        guard !targets.isEmpty else { return }
        try write { db in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events") ?? 0
            for target in targets {
                try db.execute(sql: "INSERT OR IGNORE INTO delivery_cursors (target, after_event) VALUES (?, ?)", arguments: [target, latest])
            }
        }
    }

    public func takeDeliveries(targets: [String], limit: Int, at: Date, plan: (String, HandbackEntry) throws -> DeliveryPlan?) throws -> Int {
        guard !targets.isEmpty else { return 0 }
        return try write { db in
            var cursors: [String: Int64] = [:]
            for target in targets {
                guard let after = try Int64.fetchOne(db, sql: "SELECT after_event FROM delivery_cursors WHERE target = ?", arguments: [target]) else {
                    throw DeliveryTargetUnknown(target: target)
                }
                cursors[target] = after
            }
            let from = cursors.values.min() ?? 0
            // Read inside the write transaction: nothing can be committed between this and the cursors' move.
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events") ?? 0
            guard latest > from else { return 0 }
            // A `routed` entry stands for an arrival, a check and the decision: the decision is delivered
            // under its own number, as when it was an entry of its own.
            let kinds = HandbackKinds.stored.map { "'\($0)'" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                \(Self.entrySelect) WHERE e.seq > ? AND e.seq <= ? AND e.kind IN (\(kinds)) ORDER BY e.seq LIMIT ?
                """, arguments: [from, latest, limit])
            let text = LogText(db: db, lists: storedWords)
            let events = rows.flatMap { Self.events(from: $0, text: text) }.filter { $0.seq > from }
            var made = 0
            let leadStatement = try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM leads WHERE seq = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO deliveries (target, lead, event_seq, event, owner, path, body, status, created_at, next_at, updated_at, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for event in events {
                guard let handback = HandbackEvent.of(event.kind, to: event.detail.to),
                      let serial = LeadId.serial(event.leadId),
                      let record = try Row.fetchOne(leadStatement, arguments: [serial]).map({ self.record(from: $0, db) })
                else { continue }
                let entry = HandbackEntry(event: event, handback: handback, lead: record.lead, state: record.state)
                for target in targets where event.seq > cursors[target]! {
                    guard let planned = try plan(target, entry) else { continue }
                    let status: DeliveryStatus = planned.skipped == nil ? .pending : .skipped
                    try insert.execute(arguments: [
                        target, serial, event.seq, handback.type, planned.owner, planned.path, planned.body, status.rawValue,
                        at.timeIntervalSince1970, status == .pending ? at.timeIntervalSince1970 : nil, at.timeIntervalSince1970, planned.skipped,
                    ])
                    made += 1
                }
            }
            // Past every entry read; when fewer than `limit` matched, past the newest entry of all.
            let reached = rows.count == limit ? rows.last!["seq"] : latest
            for target in targets where cursors[target]! < reached {
                try db.execute(sql: "UPDATE delivery_cursors SET after_event = ? WHERE target = ?", arguments: [reached, target])
            }
            return made
        }
    }

    static let deliveryColumns = """
        seq, target, lead, event_seq, event, owner, path, body, status, attempts, round_attempts, created_at, next_at, updated_at, last_code, last_error
        """

    static func delivery(from row: Row) -> StoredDelivery {
        StoredDelivery(
            id: row[0], target: row[1], leadId: LeadId.make(row[2]), eventSeq: row[3], event: row[4], owner: row[5], path: row[6], body: row[7],
            status: DeliveryStatus(rawValue: row[8]) ?? .pending, attempts: row[9], roundAttempts: row[10],
            createdAt: Date(timeIntervalSince1970: row[11]), nextAt: (row[12] as Double?).map(Date.init(timeIntervalSince1970:)),
            updatedAt: Date(timeIntervalSince1970: row[13]), lastCode: row[14], lastError: row[15])
    }

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    public func dueDeliveries(targets: [String], at: Date, excluding: Set<Int64>, limit: Int) throws -> [StoredDelivery] {
        guard !targets.isEmpty else { return [] }
        return try read { db in
            // A delivery is a lead's next to its target when no earlier one of the lead to that target is pending.
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.deliveryColumns) FROM deliveries d
                WHERE d.status = 'pending' AND d.next_at <= ? AND d.target IN (\(Self.placeholders(targets.count)))
                  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.target = d.target AND e.lead = d.lead AND e.seq < d.seq)
                ORDER BY d.next_at, d.seq LIMIT ?
                """, arguments: StatementArguments([at.timeIntervalSince1970] + targets.map { $0 as any DatabaseValueConvertible } + [limit + excluding.count]))
            return Array(rows.map(Self.delivery).filter { !excluding.contains($0.id) }.prefix(limit))
        }
    }

    public func nextDeliveryDue(targets: [String]) throws -> Date? {
        guard !targets.isEmpty else { return nil }
        return try read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(next_at) FROM deliveries WHERE status = 'pending' AND target IN (\(Self.placeholders(targets.count)))",
                                arguments: StatementArguments(targets)).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) throws {
        guard !attempts.isEmpty else { return }
        try write { db in
            for attempt in attempts {
                guard let number = try Int.fetchOne(db, sql: "SELECT attempts FROM deliveries WHERE seq = ?", arguments: [attempt.delivery]) else { continue }
                try db.execute(sql: "INSERT INTO delivery_attempts (delivery, attempt, at, code, error, seconds) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [attempt.delivery, number + 1, attempt.at.timeIntervalSince1970, attempt.code, attempt.error, attempt.seconds])
                let (status, next): (DeliveryStatus, Double?) = switch attempt.next {
                case .delivered: (.delivered, nil)
                case .retry(let when): (.pending, when.timeIntervalSince1970)
                case .dead: (.dead, nil)
                }
                try db.execute(sql: """
                    UPDATE deliveries SET status = ?, next_at = ?, attempts = attempts + 1, round_attempts = round_attempts + 1,
                        last_code = ?, last_error = ?, updated_at = ? WHERE seq = ?
                    """, arguments: [status.rawValue, next, attempt.code, attempt.error, attempt.at.timeIntervalSince1970, attempt.delivery])
            }
        }
    }

    public func deliveries(failedOnly: Bool, limit: Int) throws -> [StoredDelivery] {
        try read { db in
            let sql = failedOnly
                ? "SELECT \(Self.deliveryColumns) FROM deliveries WHERE status = 'dead' ORDER BY seq DESC LIMIT ?"
                : "SELECT \(Self.deliveryColumns) FROM deliveries ORDER BY seq DESC LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [max(limit, 0)]).map(Self.delivery)
        }
    }

    public func delivery(_ id: Int64) throws -> StoredDelivery? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.deliveryColumns) FROM deliveries WHERE seq = ?", arguments: [id]).map(Self.delivery)
        }
    }

    public func deliveryAttempts(_ id: Int64) throws -> [DeliveryAttemptRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT attempt, at, code, error, seconds FROM delivery_attempts WHERE delivery = ? ORDER BY attempt",
                             arguments: [id]).map { row in
                DeliveryAttemptRecord(attempt: row[0], at: Date(timeIntervalSince1970: row[1]), code: row[2], error: row[3], seconds: row[4])
            }
        }
    }

    public func retryDeliveries(_ ids: [Int64]?, at: Date) throws -> [Int64] {
        try write { db in
            let chosen: [Int64] = if let ids {
                try ids.filter { try String.fetchOne(db, sql: "SELECT status FROM deliveries WHERE seq = ?", arguments: [$0]) == DeliveryStatus.dead.rawValue }
            } else {
                try Int64.fetchAll(db, sql: "SELECT seq FROM deliveries WHERE status = 'dead' ORDER BY seq")
            }
            for id in chosen {
                try db.execute(sql: "UPDATE deliveries SET status = 'pending', next_at = ?, round_attempts = 0, updated_at = ? WHERE seq = ?",
                               arguments: [at.timeIntervalSince1970, at.timeIntervalSince1970, id])
            }
            return chosen
        }
    }

    public func deliveryCounts() throws -> [DeliveryStatus: Int] {
        try read { db in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM deliveries GROUP BY status") {
                if let status = DeliveryStatus(rawValue: row[0]) { counts[status] = row[1] }
            }
            return counts
        }
    }
}
