import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

extension PostgresStore: LeadCommands {
    public func apply(_ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?) throws -> LeadRecord {
        try write { tx in
            _ = try Self.change(tx, command, to: leadId, basedOn: version, actor: actor, at: at, rulebookVersion: rulebookVersion)
            guard let row = try tx.firstColumns("SELECT \(unescaped: Self.recordColumns) FROM leads WHERE id = \(leadId)") else {
                throw StoreError.unknownLead(leadId)
            }
            return try Self.record(from: row, words: { self.storedWords.words($0, tx) })
        }
    }

    /// Several commands in one transaction (the SLA timer's batch). A refused one (stale, illegal) is
    /// returned as its error and does not stop the others.
    public func applyAll(
        _ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, at: Date, rulebookVersion: String?,
        notices: [[Notice]]
    ) throws -> [Result<Int, any Error>] {
        try write { tx in
            var results: [Result<Int, any Error>] = []
            results.reserveCapacity(commands.count)
            for (i, item) in commands.enumerated() {
                // Each command in a savepoint, so a refused one leaves nothing half written; its notices
                // go out only with it. Rolling back to it also clears a failed statement, which would
                // otherwise abort the whole transaction on PostgreSQL.
                try tx.execute(sql: "SAVEPOINT command")
                do {
                    let version = try Self.change(tx, item.command, to: item.leadId, basedOn: item.version, actor: actor, at: at,
                                                  rulebookVersion: rulebookVersion)
                    if i < notices.count { try Self.enqueue(tx, notices[i], leadId: item.leadId, at: at) }
                    try tx.execute(sql: "RELEASE SAVEPOINT command")
                    results.append(.success(version))
                } catch {
                    try tx.execute(sql: "ROLLBACK TO SAVEPOINT command")
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Stores the command's effect (`CommandEffect`, the same on every engine): its log entry and
    /// projections; the lead's new version.
    @available(*, noasync, message: "blocks its thread")
    static func change(
        _ tx: PostgresSession, _ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?
    ) throws -> Int {
        guard let row = try tx.firstColumns("SELECT state, owner, pool, version, reason FROM leads WHERE id = \(leadId)") else {
            throw StoreError.unknownLead(leadId)
        }
        let standing = StoredLead(state: LeadState(rawValue: try row.value("state")) ?? .received, owner: try row.text("owner"),
                                  pool: try row.text("pool"), version: try row.int("version"), reason: try row.text("reason"))
        if let version, version != standing.version {
            let newest = try tx.firstColumns("\(unescaped: Self.entrySelect) WHERE e.lead = \(LeadId.key(leadId)) AND e.kind NOT IN ('claimed', 'unclaimed') ORDER BY e.seq DESC LIMIT 1")
            throw StaleVersion(leadId: leadId, expected: version, current: standing.version, latest: try newest.flatMap { try Self.events(from: $0).last })
        }
        let effect = try CommandEffect(command, on: standing, leadId: leadId, at: at)
        for load in effect.loads { try Self.adjustLoad(tx, owner: load.owner, by: load.delta) }
        for count in effect.ledger { try Self.countAssignments(tx, pool: count.key, owner: count.owner, by: count.delta) }
        // A writer of its own for each command: one inside a savepoint that is rolled back must not
        // leave the next chained to an entry that was never kept.
        var events = try PostgresEventWriter(tx, at: at)
        try events.append(try LeadId.number(leadId), command.action.event, actor: actor, version: effect.version, rulebook: rulebookVersion,
                          reason: effect.reason, detail: effect.detail, session: tx)
        try events.flush(tx)
        try tx.execute("""
            UPDATE leads SET state = \(effect.state.rawValue), owner = \(effect.owner), reason = \(effect.reasonCode), version = \(effect.version),
                updated_at = coalesce(\(effect.clock?.timeIntervalSince1970), updated_at),
                route = CASE WHEN \(effect.clearsRouting) THEN NULL ELSE route END,
                pool = CASE WHEN \(effect.clearsRouting) THEN NULL ELSE pool END
            WHERE id = \(leadId)
            """)
        if effect.endsClaim { try tx.execute("DELETE FROM claims WHERE lead = \(leadId)") }
        return effect.version
    }

    @available(*, noasync, message: "blocks its thread")
    static func adjustLoad(_ tx: PostgresSession, owner: String, by delta: Int) throws {
        try tx.execute("""
            INSERT INTO owner_load (owner, open) VALUES (\(owner), GREATEST(\(delta), 0))
            ON CONFLICT (owner) DO UPDATE SET open = GREATEST(owner_load.open + \(delta), 0)
            """)
    }

    /// A count taken back only changes a line that is there (an undo never makes one).
    @available(*, noasync, message: "blocks its thread")
    static func countAssignments(_ tx: PostgresSession, pool: String, owner: String, by delta: Int) throws {
        if delta < 0 {
            try tx.execute("UPDATE pool_ledger SET assigned = GREATEST(assigned + \(delta), 0) WHERE pool = \(pool) AND owner = \(owner)")
            return
        }
        try tx.execute("""
            INSERT INTO pool_ledger (pool, owner, assigned) VALUES (\(pool), \(owner), GREATEST(\(delta), 0))
            ON CONFLICT (pool, owner) DO UPDATE SET assigned = GREATEST(pool_ledger.assigned + \(delta), 0)
            """)
    }
}
