import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func routeQueued(limit: Int, at: Date, decide: ([QueuedLead]) throws -> [Decision]) throws -> RoutedBatch {
        try routeQueued(limit: limit, at: at, since: nil, catchUp: { _ in }, decide: decide)
    }

    public func latestEvent() throws -> Int64 {
        try read { db in try Self.latestEvent(db) }
    }

    static func latestEvent(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM events")) ?? 0
    }

    /// A range of `leads_by_state`.
    public func queuedCount() throws -> Int {
        try read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM leads WHERE state = 'received'")) ?? 0 }
    }

    public func routeQueued(
        limit: Int, at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, decide: ([QueuedLead]) throws -> [Decision]
    ) throws -> RoutedBatch {
        try write { db in
            let generation = try Self.catchUp(db, since: mark, catchUp)
            var queued: [QueuedLead] = []
            let reader = try RawLeadReader(
                db.cachedStatement(sql: "SELECT \(LeadColumns.select), version FROM leads WHERE state = 'received' ORDER BY seq LIMIT ?"),
                arguments: [limit])
            try reader.forEachRow { queued.append(QueuedLead(lead: reader.lead(), version: Int(reader.int64(Int32(LeadColumns.names.count))))) }
            guard !queued.isEmpty else {
                return RoutedBatch(routed: 0, assigned: 0, flagged: [:], decisions: [],
                                   lastEvent: try Self.latestEvent(db), generation: generation)
            }
            let decisions = try decide(queued)
            precondition(decisions.count == queued.count, "one decision per queued lead")

            var writes = try RoutingWrites(db, at: at, words: storedWords)
            let words = DecisionWords.registered(for: decisions)
            try Self.recordDecided(db, queued.indices.map { i in
                try DecidedLead(queued[i], decision: decisions[i], words: words)
            }, writes: &writes)
            try writes.flush(db)
            return RoutedBatch(routed: queued.count, assigned: writes.assigned, flagged: writes.flagged, decisions: decisions,
                               lastEvent: try Self.latestEvent(db), generation: generation)
        }
    }

    /// Records decided leads: each row updated at the version it was read at (else `StaleVersion`, which
    /// rolls the transaction back) and the router's entry appended, as multi-row INSERTs a run of
    /// leads' at a time (a statement is kept for each run's size, so runs stay short); each row's update
    /// runs while its entries are bound.
    static func recordDecided(_ db: Database, _ leads: [DecidedLead], writes: inout RoutingWrites) throws {
        let update = RawStatement(try db.cachedStatement(sql: """
            UPDATE leads SET state = ?, owner = ?, reason = ?, route = ?, pool = ?, version = ?, rulebook_n = ?,
                decision = ?, updated_at = ? WHERE seq = ? AND version = ?
            """))
        for run in MultiRowInsert.runs(of: leads.count) {
            // One entry a lead (`RoutedEntry`).
            try writes.events.begin(rows: run.count)
            for i in run {
                let item = leads[i], decision = item.decision
                let (code, wordsStored) = try writes.storedCode(item.code, words: item.words, of: decision, db)
                let state: LeadState, version: Int
                if let recorded = item.recorded {
                    try writes.record(chained: recorded.entry, decision: decision, state: recorded.state, wordsStored: wordsStored)
                    (state, version) = (recorded.state, recorded.version)
                } else {
                    (state, version) = try writes.record(decision, lead: item.serial, version: item.version, outcome: item.outcome,
                                                         wordsStored: wordsStored)
                }
                update.bind(1, state.rawValue)
                update.bind(2, decision.owner)
                update.bind(3, decision.reason?.code)
                update.bind(4, decision.route)
                update.bind(5, decision.pool)
                update.bind(6, version)
                update.bind(7, Int(try writes.rulebooks.number(decision.rulebookVersion, db)))
                update.bind(8, code)
                update.bind(9, writes.events.time)
                update.bind(10, item.serial)
                update.bind(11, item.version)
                guard try update.run() == 1 else {
                    throw StaleVersion(leadId: decision.leadId, expected: item.version, current: -1, latest: nil)
                }
            }
            try writes.events.end()
        }
    }

    /// Hands `catchUp` what others wrote since `mark` (nothing is called without a mark, or when
    /// nobody else wrote), inside the write transaction; the generation this write will leave.
    static func catchUp(_ db: Database, since mark: RoutingMark?, _ catchUp: (OthersWrites) throws -> Void) throws -> Int64 {
        let generation = try generation(db)
        // `write` counts one more when it commits.
        guard let mark else { return generation + 1 }
        var others = OthersWrites()
        if try latestEvent(db) > mark.event {
            others.routed = try Row.fetchAll(db, sql: """
                SELECT \(LeadColumns.select) FROM leads WHERE seq IN (
                    SELECT lead FROM events WHERE seq > ? AND (actor = 'router' AND kind IN ('assigned', 'flagged', 'decided') OR kind = 'routed'))
                """, arguments: [mark.event]).map { LeadColumns.lead(from: $0) }
        }
        if generation != mark.generation { others.ledger = try ledger(db) }
        if !others.routed.isEmpty || others.ledger != nil { try catchUp(others) }
        return generation + 1
    }
}
