import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Shadow runs on PostgreSQL: the same tables and figures as on SQLite.
extension PostgresStore: ShadowRecords {
    static let shadowColumns = """
        seq, draft_path, draft_source, draft_version, draft_name, live_path, live_source, live_version,
        started_by, started_at, ended_by, ended_at, outcome
        """

    static func shadow(from c: Columns) throws -> StoredShadow {
        StoredShadow(
            id: try c.value("seq"), draftPath: try c.value("draft_path"), draftSource: try c.value("draft_source"),
            draftVersion: try c.value("draft_version"), draftName: try c.value("draft_name"), livePath: try c.value("live_path"),
            liveSource: try c.value("live_source"), liveVersion: try c.value("live_version"), startedBy: try c.value("started_by"),
            startedAt: try c.date("started_at"), endedBy: try c.text("ended_by"),
            endedAt: try c.value("ended_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            end: try c.text("outcome").flatMap(StoredShadow.End.init(rawValue:)))
    }

    public func activeShadowId() throws -> Int64? {
        try readOne { s in try s.value("SELECT seq FROM shadows WHERE active = 1", as: Int64.self) }
    }

    public func shadow(_ id: Int64) throws -> StoredShadow? {
        try readOne { s in try s.firstColumns("SELECT \(unescaped: Self.shadowColumns) FROM shadows WHERE seq = \(id)").map(Self.shadow(from:)) }
    }

    public func latestShadow() throws -> StoredShadow? {
        try readOne { s in
            try s.firstColumns("SELECT \(unescaped: Self.shadowColumns) FROM shadows ORDER BY active IS NULL, seq DESC LIMIT 1").map(Self.shadow(from:))
        }
    }

    public func startShadow(_ shadow: StoredShadow) throws -> StoredShadow {
        try shadowWrite { tx in
            // Starts take turns (the lock lets reads through), so the second of two at once sees the first
            // and is refused by name rather than by the unique index on `active`.
            try tx.execute("LOCK TABLE shadows IN SHARE ROW EXCLUSIVE MODE")
            if let running = try tx.firstColumns("SELECT \(unescaped: Self.shadowColumns) FROM shadows WHERE active = 1").map(Self.shadow(from:)) {
                throw ShadowAlreadyRunning(shadow: running)
            }
            let id = try tx.value("""
                INSERT INTO shadows (active, draft_path, draft_source, draft_version, draft_name, live_path, live_source, live_version,
                    started_by, started_at)
                VALUES (1, \(shadow.draftPath), \(shadow.draftSource), \(shadow.draftVersion), \(shadow.draftName), \(shadow.livePath),
                    \(shadow.liveSource), \(shadow.liveVersion), \(shadow.startedBy), \(shadow.startedAt.timeIntervalSince1970))
                RETURNING seq
                """, as: Int64.self)
            var started = shadow
            started.id = id ?? 0
            return started
        }
    }

    @discardableResult
    public func endShadow(_ id: Int64, as end: StoredShadow.End, by actor: String, at: Date) throws -> Bool {
        try shadowWrite { tx in
            try tx.execute("""
                UPDATE shadows SET active = NULL, ended_by = \(actor), ended_at = \(at.timeIntervalSince1970), outcome = \(end.rawValue)
                WHERE seq = \(id) AND active = 1
                """) == 1
        }
    }

    public func recordShadow(_ id: Int64, pairs: [ShadowPair], at: Date) throws {
        guard !pairs.isEmpty else { return }
        // Counted here, written as one row per owner: most leads agree, and a row each cost more than deciding them.
        var loads: [String: (live: Int64, draft: Int64)] = [:]
        var diverging: [ShadowPair] = []
        for pair in pairs {
            if pair.live.isAssigned, let owner = pair.live.owner { loads[owner, default: (0, 0)].live += 1 }
            if pair.draft.isAssigned, let owner = pair.draft.owner { loads[owner, default: (0, 0)].draft += 1 }
            if pair.diverged { diverging.append(pair) }
        }
        try shadowWrite { tx in
            // Ended meanwhile (stopped or promoted by another process): its figures are complete.
            guard try tx.execute("""
                UPDATE shadows SET leads = leads + \(Int64(pairs.count)), diverged = diverged + \(Int64(diverging.count)) WHERE seq = \(id) AND active = 1
                """) == 1 else { return }
            // A lead diverging twice in one batch keeps its latest divergence, as a lead routed again does.
            var divergences: [Int: ShadowPair] = [:]
            for pair in diverging { divergences[try LeadId.number(pair.leadId)] = pair }
            if !loads.isEmpty {
                var binds = PostgresBindings()
                let owners = loads.keys.sorted()
                for owner in owners {
                    binds.append(id)
                    binds.append(owner)
                    binds.append(loads[owner]!.live)
                    binds.append(loads[owner]!.draft)
                }
                try tx.execute(PostgresQuery(unsafeSQL: """
                    INSERT INTO shadow_loads (shadow, owner, live, draft) VALUES \(PostgresRows.placeholders(rows: owners.count, width: 4))
                    ON CONFLICT (shadow, owner) DO UPDATE SET live = shadow_loads.live + excluded.live, draft = shadow_loads.draft + excluded.draft
                    """, binds: binds))
            }
            let time = at.timeIntervalSince1970
            let leads = divergences.keys.sorted()
            for start in stride(from: 0, to: leads.count, by: Self.divergenceRowsPerStatement) {
                let run = leads[start..<min(start + Self.divergenceRowsPerStatement, leads.count)]
                var binds = PostgresBindings()
                for lead in run {
                    let pair = divergences[lead]!
                    binds.append(id)
                    binds.append(Int64(lead))
                    binds.append(time)
                    binds.append(pair.live.route)
                    binds.append(pair.live.pool)
                    binds.append(pair.live.owner)
                    binds.append(pair.live.reason?.code)
                    binds.append(pair.draft.route)
                    binds.append(pair.draft.pool)
                    binds.append(pair.draft.owner)
                    binds.append(pair.draft.reason?.code)
                    binds.append(pair.why)
                }
                try tx.execute(PostgresQuery(unsafeSQL: Self.insertDivergencesSQL(rows: run.count), binds: binds))
            }
        }
    }

    /// PostgreSQL binds at most 65,535 parameters a statement; twelve a divergence.
    static let divergenceRowsPerStatement = 4_000

    /// A lead diverging again replaces its row (SQLite's INSERT OR REPLACE).
    static func insertDivergencesSQL(rows: Int) -> String {
        """
        INSERT INTO shadow_divergences (shadow, lead, at, live_route, live_pool, live_owner, live_reason,
            draft_route, draft_pool, draft_owner, draft_reason, why) VALUES \(PostgresRows.placeholders(rows: rows, width: 12))
        ON CONFLICT (shadow, lead) DO UPDATE SET at = excluded.at, live_route = excluded.live_route, live_pool = excluded.live_pool,
            live_owner = excluded.live_owner, live_reason = excluded.live_reason, draft_route = excluded.draft_route,
            draft_pool = excluded.draft_pool, draft_owner = excluded.draft_owner, draft_reason = excluded.draft_reason, why = excluded.why
        """
    }

    public func shadowCorrections(_ id: Int64) throws -> [ShadowCorrection] {
        try readOne { s in
            // The live owner counts only while the lead is still theirs and assigned (what the live
            // open load counts); the draft's owner while the lead is open at all.
            try s.rows("""
                SELECT CASE WHEN p.live_reason IS NULL AND l.state = 'assigned' AND l.owner = p.live_owner THEN p.live_owner END,
                       CASE WHEN p.draft_reason IS NULL THEN p.draft_owner END
                FROM shadow_divergences p JOIN leads l ON l.seq = p.lead
                WHERE p.shadow = \(id) AND l.state IN ('received', 'ready', 'assigned', 'flagged')
                """, as: (String?, String?).self).compactMap { live, draft in
                live == nil && draft == nil ? nil : ShadowCorrection(liveOwner: live, draftOwner: draft)
            }
        }
    }

    public func shadowStanding(_ id: Int64, divergences limit: Int) throws -> ShadowStanding? {
        try read { s in
            guard let c = try s.firstColumns("SELECT \(unescaped: Self.shadowColumns), leads, diverged FROM shadows WHERE seq = \(id)") else {
                return nil
            }
            let shadow = try Self.shadow(from: c)
            var live: [String: Int] = [:], draft: [String: Int] = [:]
            for (owner, l, d) in try s.rows("SELECT owner, live, draft FROM shadow_loads WHERE shadow = \(id)", as: (String, Int64, Int64).self) {
                if l > 0 { live[owner] = Int(l) }
                if d > 0 { draft[owner] = Int(d) }
            }
            let divergences = try s.columns("""
                SELECT lead, at, live_route, live_pool, live_owner, live_reason, draft_route, draft_pool, draft_owner, draft_reason, why
                FROM shadow_divergences WHERE shadow = \(id) ORDER BY lead DESC LIMIT \(max(limit, 0))
                """).map { c in
                StoredDivergence(pair: ShadowPair(
                    leadId: LeadId.make(try c.int("lead")),
                    live: ShadowOutcome(route: try c.text("live_route"), pool: try c.text("live_pool"), owner: try c.text("live_owner"),
                                        reason: try c.text("live_reason").flatMap(ExceptionReason.init(rawValue:))),
                    draft: ShadowOutcome(route: try c.text("draft_route"), pool: try c.text("draft_pool"), owner: try c.text("draft_owner"),
                                         reason: try c.text("draft_reason").flatMap(ExceptionReason.init(rawValue:))),
                    why: try c.text("why") ?? ""), at: try c.date("at"))
            }
            return ShadowStanding(shadow: shadow, leads: try c.int("leads"), diverged: try c.int("diverged"), liveLoads: live, draftLoads: draft,
                                  divergences: divergences)
        }
    }

    /// A write of shadow records: its own transaction, without the generation row's lock and count, which
    /// would tell every routing desk that another writer moved the pool state.
    @available(*, noasync, message: "blocks its thread")
    private func shadowWrite<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard !readOnly else { throw StoreRefusal.readOnly(reason: "it was opened read-only") }
        return try pool.with { session in try session.transaction { try body($0) } }
    }
}
