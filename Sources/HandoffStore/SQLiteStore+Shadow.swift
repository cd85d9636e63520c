import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    static let shadowColumns = """
        seq, draft_path, draft_source, draft_version, draft_name, live_path, live_source, live_version,
        started_by, started_at, ended_by, ended_at, outcome
        """

    static func shadow(from row: Row) -> StoredShadow {
        StoredShadow(
            id: row[0], draftPath: row[1], draftSource: row[2], draftVersion: row[3], draftName: row[4],
            livePath: row[5], liveSource: row[6], liveVersion: row[7], startedBy: row[8],
            startedAt: Date(timeIntervalSince1970: row[9]), endedBy: row[10],
            endedAt: (row[11] as Double?).map(Date.init(timeIntervalSince1970:)),
            end: (row[12] as String?).flatMap(StoredShadow.End.init(rawValue:)))
    }

    public func activeShadowId() throws -> Int64? {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM shadows WHERE active = 1") }
    }

    public func shadow(_ id: Int64) throws -> StoredShadow? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.shadowColumns) FROM shadows WHERE seq = ?", arguments: [id]).map(Self.shadow)
        }
    }

    public func latestShadow() throws -> StoredShadow? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.shadowColumns) FROM shadows ORDER BY active IS NULL, seq DESC LIMIT 1").map(Self.shadow)
        }
    }

    public func startShadow(_ shadow: StoredShadow) throws -> StoredShadow {
        try shadowWrite { db in
            if let running = try Row.fetchOne(db, sql: "SELECT \(Self.shadowColumns) FROM shadows WHERE active = 1").map(Self.shadow) {
                throw ShadowAlreadyRunning(shadow: running)
            }
            try db.execute(sql: """
                INSERT INTO shadows (active, draft_path, draft_source, draft_version, draft_name, live_path, live_source, live_version,
                    started_by, started_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [shadow.draftPath, shadow.draftSource, shadow.draftVersion, shadow.draftName, shadow.livePath,
                                 shadow.liveSource, shadow.liveVersion, shadow.startedBy, shadow.startedAt.timeIntervalSince1970])
            var started = shadow
            started.id = db.lastInsertedRowID
            return started
        }
    }

    @discardableResult
    public func endShadow(_ id: Int64, as end: StoredShadow.End, by actor: String, at: Date) throws -> Bool {
        try shadowWrite { db in
            try db.execute(sql: "UPDATE shadows SET active = NULL, ended_by = ?, ended_at = ?, outcome = ? WHERE seq = ? AND active = 1",
                           arguments: [actor, at.timeIntervalSince1970, end.rawValue, id])
            return db.changesCount == 1
        }
    }

    public func recordShadow(_ id: Int64, pairs: [ShadowPair], at: Date) throws {
        guard !pairs.isEmpty else { return }
        try shadowWrite { db in
            // Ended meanwhile (stopped or promoted by another process): its pairs are complete.
            guard try Int64.fetchOne(db, sql: "SELECT seq FROM shadows WHERE seq = ? AND active = 1", arguments: [id]) != nil else { return }
            let insert = RawStatement(try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO shadow_pairs (shadow, lead, at, diverged, live_route, live_pool, live_owner, live_reason,
                    draft_route, draft_pool, draft_owner, draft_reason, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """))
            let time = at.timeIntervalSince1970
            for pair in pairs {
                insert.bind(1, Int(id))
                insert.bind(2, try LeadId.number(pair.leadId))
                insert.bind(3, time)
                insert.bind(4, pair.diverged ? 1 : 0)
                insert.bind(5, pair.live.route)
                insert.bind(6, pair.live.pool)
                insert.bind(7, pair.live.owner)
                insert.bind(8, pair.live.reason?.code)
                insert.bind(9, pair.draft.route)
                insert.bind(10, pair.draft.pool)
                insert.bind(11, pair.draft.owner)
                insert.bind(12, pair.draft.reason?.code)
                insert.bind(13, pair.why)
                try insert.run()
            }
        }
    }

    public func shadowCorrections(_ id: Int64) throws -> [ShadowCorrection] {
        try database.read { db in
            // The live owner counts only while the lead is still theirs and assigned (what the live
            // open load counts); the draft's owner while the lead is open at all.
            try Row.fetchAll(db, sql: """
                SELECT CASE WHEN p.live_reason IS NULL AND l.state = 'assigned' AND l.owner = p.live_owner THEN p.live_owner END,
                       CASE WHEN p.draft_reason IS NULL THEN p.draft_owner END
                FROM shadow_pairs p JOIN leads l ON l.seq = p.lead
                WHERE p.shadow = ? AND p.diverged = 1 AND l.state IN ('received', 'ready', 'assigned', 'flagged')
                """, arguments: [id]).compactMap { row in
                let correction = ShadowCorrection(liveOwner: row[0], draftOwner: row[1])
                return correction.liveOwner == nil && correction.draftOwner == nil ? nil : correction
            }
        }
    }

    public func shadowStanding(_ id: Int64, divergences limit: Int) throws -> ShadowStanding? {
        try database.read { db in
            guard let shadow = try Row.fetchOne(db, sql: "SELECT \(Self.shadowColumns) FROM shadows WHERE seq = ?", arguments: [id]).map(Self.shadow) else {
                return nil
            }
            let totals = try Row.fetchOne(db, sql: "SELECT count(*), COALESCE(sum(diverged), 0) FROM shadow_pairs WHERE shadow = ?", arguments: [id])
            var live: [String: Int] = [:], draft: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT live_owner, count(*) FROM shadow_pairs WHERE shadow = ? AND live_reason IS NULL AND live_owner IS NOT NULL GROUP BY live_owner
                """, arguments: [id]) { live[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: """
                SELECT draft_owner, count(*) FROM shadow_pairs WHERE shadow = ? AND draft_reason IS NULL AND draft_owner IS NOT NULL GROUP BY draft_owner
                """, arguments: [id]) { draft[row[0]] = row[1] }
            let divergences = try Row.fetchAll(db, sql: """
                SELECT lead, at, live_route, live_pool, live_owner, live_reason, draft_route, draft_pool, draft_owner, draft_reason, why
                FROM shadow_pairs WHERE shadow = ? AND diverged = 1 ORDER BY at DESC, lead DESC LIMIT ?
                """, arguments: [id, max(limit, 0)]).map { row in
                StoredDivergence(pair: ShadowPair(
                    leadId: LeadId.make(row[0]),
                    live: ShadowOutcome(route: row[2], pool: row[3], owner: row[4], reason: (row[5] as String?).flatMap(ExceptionReason.init(rawValue:))),
                    draft: ShadowOutcome(route: row[6], pool: row[7], owner: row[8], reason: (row[9] as String?).flatMap(ExceptionReason.init(rawValue:))),
                    why: row[10] ?? ""), at: Date(timeIntervalSince1970: row[1]))
            }
            return ShadowStanding(shadow: shadow, leads: totals?[0] ?? 0, diverged: totals?[1] ?? 0, liveLoads: live, draftLoads: draft, divergences: divergences)
        }
    }

    /// A write of shadow records: its own transaction, and no new generation, which would tell every
    /// routing desk that another writer moved the pool state.
    private func shadowWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }
}
