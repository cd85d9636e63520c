import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    public func routeQueued(limit: Int, at: Date, decide: ([QueuedLead]) throws -> [Decision]) throws -> RoutedBatch {
        try routeQueued(limit: limit, at: at, afterEvent: .max, catchUp: { _, _ in }, decide: decide)
    }

    public func latestEvent() throws -> Int64 {
        try database.read { db in try Self.latestEvent(db) }
    }

    static func latestEvent(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0
    }

    public func routeQueued(
        limit: Int, at: Date, afterEvent: Int64, catchUp: ([Lead], Int64) throws -> Void, decide: ([QueuedLead]) throws -> [Decision]
    ) throws -> RoutedBatch {
        try write { db in
            if afterEvent != .max {
                let latest = try Self.latestEvent(db)
                if latest > afterEvent {
                    let routed = try Row.fetchAll(db, sql: """
                        SELECT \(LeadColumns.select) FROM leads WHERE id IN (
                            SELECT lead_id FROM events WHERE seq > ? AND actor = 'router' AND kind IN ('assigned', 'flagged'))
                        """, arguments: [afterEvent]).map { LeadColumns.lead(from: $0) }
                    try catchUp(routed, latest)
                }
            }
            let rows = try Row.fetchAll(db, sql: "SELECT version, \(LeadColumns.select) FROM leads WHERE state = 'received' ORDER BY seq LIMIT ?", arguments: [limit])
            let queued = rows.map { QueuedLead(lead: LeadColumns.lead(from: $0, offset: 1), version: $0[0]) }
            guard !queued.isEmpty else {
                return RoutedBatch(routed: 0, assigned: 0, flagged: [:], decisions: [],
                                   lastEvent: try Self.latestEvent(db))
            }
            let decisions = try decide(queued)
            precondition(decisions.count == queued.count, "one decision per queued lead")

            let update = try db.cachedStatement(sql: """
                UPDATE leads SET state = ?, owner = ?, reason = ?, route = ?, pool = ?, version = ?, rulebook = ?,
                    decision = ?, updated_at = ? WHERE id = ? AND version = ?
                """)
            let insertEvent = try db.cachedStatement(sql: Self.insertEventSQL)
            // Projection deltas are summed over the batch and written once per owner and pool.
            var loads: [String: Int] = [:]
            var given: [String: [String: Int]] = [:]
            var excused: [String: [String: Int]] = [:]
            var lastOwner: [String: String] = [:]
            let time = at.timeIntervalSince1970
            var batch = RoutedBatch(routed: 0, assigned: 0, flagged: [:], decisions: decisions)

            for (item, decision) in zip(queued, decisions) {
                var version = item.version
                var state = LeadState.received
                func event(_ action: LeadAction, reason: String?, detail: EventDetail) throws {
                    let next = try Lifecycle.next(state, action)
                    version += 1
                    var detail = detail
                    detail.from = state
                    detail.to = next
                    state = next
                    try insertEvent.execute(arguments: Self.eventArguments(
                        item.lead.id, action.event, time, "router", version, decision.rulebookVersion, reason, detail))
                }
                let readinessFailed = decision.exceptions.first.map { Self.readinessReasons.contains($0.reason) } ?? false
                if !readinessFailed {
                    try event(.check, reason: nil, detail: EventDetail())
                }
                if decision.isAssigned, let owner = decision.owner {
                    try event(.assign, reason: decision.route.map { "route \($0)" } ?? "fallback", detail: EventDetail(owner: owner))
                    loads[owner, default: 0] += 1
                    if let pool = decision.pool {
                        given[pool, default: [:]][owner, default: 0] += 1
                        lastOwner[pool] = owner
                        for excuse in decision.excused { excused[pool, default: [:]][excuse.owner, default: 0] += excuse.milli }
                    }
                    batch.assigned += 1
                } else {
                    let reason = decision.reason ?? .noRoute
                    let detail = decision.exceptions.map { "\($0.reason.code): \($0.detail)" }.joined(separator: "; ")
                    try event(.flag, reason: reason.code, detail: EventDetail(owner: decision.owner, text: detail))
                    batch.flagged[reason, default: 0] += 1
                }
                try update.execute(arguments: [
                    state.rawValue, decision.owner, decision.reason?.code, decision.route, decision.pool, version,
                    decision.rulebookVersion, DecisionJSON.encode(decision), time,
                    item.lead.id, item.version,
                ])
                guard db.changesCount == 1 else {
                    throw StaleVersion(leadId: item.lead.id, expected: item.version, current: -1, latest: nil)
                }
                batch.routed += 1
            }
            for (owner, n) in loads {
                try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET open = open + excluded.open", arguments: [owner, n])
            }
            for (pool, owners) in given {
                for (owner, n) in owners {
                    try db.execute(sql: """
                        INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, ?)
                        ON CONFLICT(pool, owner) DO UPDATE SET assigned = assigned + excluded.assigned
                        """, arguments: [pool, owner, n])
                }
            }
            for (pool, owners) in excused {
                for (owner, milli) in owners {
                    try db.execute(sql: """
                        INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES (?, ?, 0, ?)
                        ON CONFLICT(pool, owner) DO UPDATE SET excused = excused + excluded.excused
                        """, arguments: [pool, owner, milli])
                }
            }
            for (pool, owner) in lastOwner {
                try db.execute(sql: "INSERT INTO pool_turn (pool, last_owner) VALUES (?, ?) ON CONFLICT(pool) DO UPDATE SET last_owner = excluded.last_owner", arguments: [pool, owner])
            }
            batch.lastEvent = try Self.latestEvent(db)
            return batch
        }
    }

    /// Reasons found before routing: such a lead never became `ready`.
    static let readinessReasons: Set<ExceptionReason> = [.missingField, .invalidEmail, .freeEmail]
}
