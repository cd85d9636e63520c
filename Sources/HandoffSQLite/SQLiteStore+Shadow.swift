import Foundation
import GRDB
import HandoffCore
import HandoffStore

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
        // Counted here, written as one row per owner: most leads agree, and a row each cost more than deciding them.
        var loads: [String: (live: Int, draft: Int)] = [:]
        var divergences: [ShadowPair] = []
        for pair in pairs {
            if pair.live.isAssigned, let owner = pair.live.owner { loads[owner, default: (0, 0)].live += 1 }
            if pair.draft.isAssigned, let owner = pair.draft.owner { loads[owner, default: (0, 0)].draft += 1 }
            if pair.diverged { divergences.append(pair) }
        }
        try shadowWrite { db in
            // Ended meanwhile (stopped or promoted by another process): its figures are complete.
            try db.execute(sql: "UPDATE shadows SET leads = leads + ?, diverged = diverged + ? WHERE seq = ? AND active = 1",
                           arguments: [pairs.count, divergences.count, id])
            guard db.changesCount == 1 else { return }
            let load = RawStatement(try db.cachedStatement(sql: """
                INSERT INTO shadow_loads (shadow, owner, live, draft) VALUES (?, ?, ?, ?)
                ON CONFLICT (shadow, owner) DO UPDATE SET live = live + excluded.live, draft = draft + excluded.draft
                """))
            for (owner, n) in loads.sorted(by: { $0.key < $1.key }) {
                load.bind(1, Int(id))
                load.bind(2, owner)
                load.bind(3, n.live)
                load.bind(4, n.draft)
                try load.run()
            }
            // Fifty a statement, as the log's entries are written. OR REPLACE: a lead routed again (after a
            // retry) keeps its latest divergence.
            var statements: [Int: RawStatement] = [:]
            let time = at.timeIntervalSince1970
            for run in MultiRowInsert.runs(of: divergences.count) {
                let insert: RawStatement
                if let cached = statements[run.count] {
                    insert = cached
                } else {
                    insert = RawStatement(try db.cachedStatement(sql: Self.insertDivergencesSQL(rows: run.count)))
                    statements[run.count] = insert
                }
                var p: Int32 = 0
                for pair in divergences[run] {
                    insert.bind(p + 1, Int(id))
                    insert.bind(p + 2, try LeadId.number(pair.leadId))
                    insert.bind(p + 3, time)
                    insert.bind(p + 4, pair.live.route)
                    insert.bind(p + 5, pair.live.pool)
                    insert.bind(p + 6, pair.live.owner)
                    insert.bind(p + 7, pair.live.reason?.code)
                    insert.bind(p + 8, pair.draft.route)
                    insert.bind(p + 9, pair.draft.pool)
                    insert.bind(p + 10, pair.draft.owner)
                    insert.bind(p + 11, pair.draft.reason?.code)
                    insert.bind(p + 12, pair.why)
                    p += 12
                }
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
                FROM shadow_divergences p JOIN leads l ON l.seq = p.lead
                WHERE p.shadow = ? AND l.state IN ('received', 'ready', 'assigned', 'flagged')
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
            let totals = try Row.fetchOne(db, sql: "SELECT leads, diverged FROM shadows WHERE seq = ?", arguments: [id])
            var live: [String: Int] = [:], draft: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT owner, live, draft FROM shadow_loads WHERE shadow = ?", arguments: [id]) {
                if row[1] as Int > 0 { live[row[0]] = row[1] }
                if row[2] as Int > 0 { draft[row[0]] = row[2] }
            }
            let divergences = try Row.fetchAll(db, sql: """
                SELECT lead, at, live_route, live_pool, live_owner, live_reason, draft_route, draft_pool, draft_owner, draft_reason, why
                FROM shadow_divergences WHERE shadow = ? ORDER BY lead DESC LIMIT ?
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

    static func insertDivergencesSQL(rows: Int) -> String {
        let row = "(" + repeatElement("?", count: 12).joined(separator: ", ") + ")"
        return """
            INSERT OR REPLACE INTO shadow_divergences (shadow, lead, at, live_route, live_pool, live_owner, live_reason,
                draft_route, draft_pool, draft_owner, draft_reason, why) VALUES
            """ + repeatElement(row, count: rows).joined(separator: ", ")
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
