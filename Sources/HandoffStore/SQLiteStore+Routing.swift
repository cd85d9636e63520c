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
            try Self.catchUp(db, afterEvent: afterEvent, catchUp)
            var queued: [QueuedLead] = []
            let reader = try RawLeadReader(
                db.cachedStatement(sql: "SELECT \(LeadColumns.select), version FROM leads WHERE state = 'received' ORDER BY seq LIMIT ?"),
                arguments: [limit])
            try reader.forEachRow { queued.append(QueuedLead(lead: reader.lead(), version: Int(reader.int64(Int32(LeadColumns.names.count))))) }
            guard !queued.isEmpty else {
                return RoutedBatch(routed: 0, assigned: 0, flagged: [:], decisions: [],
                                   lastEvent: try Self.latestEvent(db))
            }
            let decisions = try decide(queued)
            precondition(decisions.count == queued.count, "one decision per queued lead")

            let update = RawStatement(try db.cachedStatement(sql: """
                UPDATE leads SET state = ?, owner = ?, reason = ?, route = ?, pool = ?, version = ?, rulebook = ?,
                    decision = ?, updated_at = ? WHERE id = ? AND version = ?
                """))
            var writes = try RoutingWrites(db, at: at)
            for (item, decision) in zip(queued, decisions) {
                let (state, version) = try writes.record(decision, leadId: item.lead.id, version: item.version)
                update.bind(1, state.rawValue)
                update.bind(2, decision.owner)
                update.bind(3, decision.reason?.code)
                update.bind(4, decision.route)
                update.bind(5, decision.pool)
                update.bind(6, version)
                update.bind(7, decision.rulebookVersion)
                update.bind(8, DecisionJSON.encode(decision))
                update.bind(9, writes.events.time)
                update.bind(10, item.lead.id)
                update.bind(11, item.version)
                guard try update.run() == 1 else {
                    throw StaleVersion(leadId: item.lead.id, expected: item.version, current: -1, latest: nil)
                }
            }
            try writes.flush(db)
            return RoutedBatch(routed: queued.count, assigned: writes.assigned, flagged: writes.flagged, decisions: decisions,
                               lastEvent: try Self.latestEvent(db))
        }
    }

    /// Hands `catchUp` the leads the router of another process decided since log entry `afterEvent`,
    /// and the newest entry; nothing when there are none (or `afterEvent` is `.max`).
    static func catchUp(_ db: Database, afterEvent: Int64, _ catchUp: ([Lead], Int64) throws -> Void) throws {
        guard afterEvent != .max else { return }
        let latest = try latestEvent(db)
        guard latest > afterEvent else { return }
        let routed = try Row.fetchAll(db, sql: """
            SELECT \(LeadColumns.select) FROM leads WHERE id IN (
                SELECT lead_id FROM events WHERE seq > ? AND actor = 'router' AND kind IN ('assigned', 'flagged'))
            """, arguments: [afterEvent]).map { LeadColumns.lead(from: $0) }
        try catchUp(routed, latest)
    }
}
