import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func apply(_ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?) throws -> LeadRecord {
        try write { db in try self.apply(db, command, to: leadId, basedOn: version, actor: actor, at: at, rulebookVersion: rulebookVersion) }
    }

    /// Several commands in one transaction (the SLA timer's batch). A refused one (stale, illegal) is
    /// returned as its error and does not stop the others.
    public func applyAll(
        _ commands: [(command: LeadCommand, leadId: String, version: Int?)], actor: String, at: Date, rulebookVersion: String?,
        notices: [[Notice]]
    ) throws -> [Result<Int, any Error>] {
        try write { db in
            commands.enumerated().map { i, item in
                do {
                    // Each command in a savepoint, so a refused one leaves nothing half written; its notices
                    // go out only with it.
                    var version = 0
                    try db.inSavepoint {
                        version = try change(db, item.command, to: item.leadId, basedOn: item.version, actor: actor, at: at,
                                                  rulebookVersion: rulebookVersion)
                        if i < notices.count { try Self.enqueue(db, notices[i], leadId: item.leadId, at: at) }
                        return .commit
                    }
                    return .success(version)
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    func apply(
        _ db: Database, _ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?
    ) throws -> LeadRecord {
        _ = try change(db, command, to: leadId, basedOn: version, actor: actor, at: at, rulebookVersion: rulebookVersion)
        return try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM leads WHERE seq = ?"), arguments: [LeadId.key(leadId)]).map { record(from: $0, db) }!
    }

    /// Stores the command's effect (`CommandEffect`, the same on every engine): its log entry and
    /// projections; the lead's new version.
    func change(
        _ db: Database, _ command: LeadCommand, to leadId: String, basedOn version: Int?, actor: String, at: Date, rulebookVersion: String?
    ) throws -> Int {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT state, owner, pool, version, reason FROM leads WHERE seq = ?"), arguments: [LeadId.key(leadId)]) else {
            throw StoreError.unknownLead(leadId)
        }
        let standing = StoredLead(state: LeadState(rawValue: row["state"]) ?? .received, owner: row["owner"], pool: row["pool"],
                                    version: row["version"], reason: row["reason"])
        if let version, version != standing.version {
            let latest = try Row.fetchOne(try db.cachedStatement(sql: "\(Self.entrySelect) WHERE e.lead = ? AND e.kind <> 'claimed' AND e.kind <> 'unclaimed' ORDER BY e.seq DESC LIMIT 1"), arguments: [LeadId.key(leadId)]).flatMap { Self.events(from: $0, text: LogText(db: db, lists: storedWords)).last }
            throw StaleVersion(leadId: leadId, expected: version, current: standing.version, latest: latest)
        }
        let effect = try CommandEffect(command, on: standing, leadId: leadId, at: at)
        for load in effect.loads { try Self.adjustLoad(db, owner: load.owner, by: load.delta) }
        for count in effect.ledger { try Self.countAssignments(db, pool: count.key, owner: count.owner, by: count.delta) }
        // A writer of its own for each command: one inside a savepoint that is rolled back must not
        // leave the next chained to an entry that was never kept.
        var events = try EventWriter(db, at: at)
        try events.append(try LeadId.number(leadId), command.action.event, actor: actor, version: effect.version, rulebook: rulebookVersion,
                          reason: effect.reason, detail: effect.detail)
        try db.cachedStatement(sql: """
            UPDATE leads SET state = ?, owner = ?, reason = ?, version = ?,
                updated_at = coalesce(?, updated_at),
                route = CASE WHEN ? THEN NULL ELSE route END,
                pool = CASE WHEN ? THEN NULL ELSE pool END
            WHERE seq = ?
            """).execute(arguments: [effect.state.rawValue, effect.owner, effect.reasonCode, effect.version,
                                   effect.clock?.timeIntervalSince1970, effect.clearsRouting, effect.clearsRouting, LeadId.key(leadId)])
        if effect.endsClaim { try Self.endClaim(db, leadId) }
        return effect.version
    }

    static func adjustLoad(_ db: Database, owner: String, by delta: Int) throws {
        try db.cachedStatement(sql: """
            INSERT INTO owner_load (owner, open) VALUES (?, max(?, 0))
            ON CONFLICT(owner) DO UPDATE SET open = max(open + ?, 0)
            """).execute(arguments: [owner, delta, delta])
    }

    /// A count taken back only changes a line that is there (an undo never makes one).
    static func countAssignments(_ db: Database, pool: String, owner: String, by delta: Int) throws {
        if delta < 0 {
            try db.cachedStatement(sql: "UPDATE pool_ledger SET assigned = max(assigned + ?, 0) WHERE pool = ? AND owner = ?")
                .execute(arguments: [delta, pool, owner])
            return
        }
        try db.cachedStatement(sql: """
            INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, max(?, 0))
            ON CONFLICT(pool, owner) DO UPDATE SET assigned = max(assigned + ?, 0)
            """).execute(arguments: [pool, owner, delta, delta])
    }
}
