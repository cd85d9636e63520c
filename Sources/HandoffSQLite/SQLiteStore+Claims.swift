import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func claim(_ leadId: String, by actor: String, at: Date) throws -> Claim {
        try write { db in
            let (state, version) = try Self.standing(db, leadId)
            guard state == LeadState.flagged.rawValue else { throw ClaimRefusal.notAnException(leadId, state: state) }
            let previous = try Self.claim(db, leadId)
            let note = previous.flatMap { $0.by == actor ? nil : "taken over from \($0.by)" }
            var events = try EventWriter(db, at: at)
            try events.append(try LeadId.number(leadId), .claimed, actor: actor, version: version, rulebook: nil, reason: nil,
                              detail: EventDetail(text: note))
            try db.execute(sql: """
                INSERT INTO claims (lead, actor, at) VALUES (?, ?, ?)
                ON CONFLICT(lead) DO UPDATE SET actor = excluded.actor, at = excluded.at
                """, arguments: [leadId, actor, at.timeIntervalSince1970])
            return Claim(leadId: leadId, by: actor, at: at)
        }
    }

    public func unclaim(_ leadId: String, by actor: String, at: Date) throws -> Claim? {
        try write { db in
            let (_, version) = try Self.standing(db, leadId)
            guard let previous = try Self.claim(db, leadId) else { return nil }
            var events = try EventWriter(db, at: at)
            try events.append(try LeadId.number(leadId), .unclaimed, actor: actor, version: version, rulebook: nil, reason: nil,
                              detail: EventDetail(text: previous.by == actor ? nil : "\(previous.by)'s claim"))
            try db.execute(sql: "DELETE FROM claims WHERE lead = ?", arguments: [leadId])
            return previous
        }
    }

    public func claims(on leadIds: [String]) throws -> [String: Claim] {
        guard !leadIds.isEmpty else { return [:] }
        return try read { db in
            var found: [String: Claim] = [:]
            // In slices, well under SQLite's limit on bound values.
            for slice in stride(from: 0, to: leadIds.count, by: 500).map({ leadIds[$0..<min($0 + 500, leadIds.count)] }) {
                let rows = try Row.fetchAll(db, sql: Self.claimsSQL(leads: slice.count), arguments: StatementArguments(Array(slice)))
                for row in rows {
                    let claim = Claim(leadId: row[0], by: row[1], at: Date(timeIntervalSince1970: row[2]))
                    found[claim.leadId] = claim
                }
            }
            return found
        }
    }

    /// The claims in force on `leads` leads named by bound ids. The claims are few: CROSS JOIN keeps them
    /// the outer loop. Given a few hundred ids, the planner otherwise walked every flagged lead by state,
    /// probing the claims for each: 180 ms of every console snapshot at a million exceptions.
    static func claimsSQL(leads: Int) -> String {
        let marks = Array(repeating: "?", count: leads).joined(separator: ", ")
        return """
            SELECT c.lead, c.actor, c.at FROM claims c CROSS JOIN leads l ON l.seq = CAST(substr(c.lead, 3) AS INTEGER) AND \(LeadId.sql("l.seq")) = c.lead
            WHERE l.state = 'flagged' AND c.lead IN (\(marks))
            """
    }

    /// The lead's state and version, or `unknownLead`.
    private static func standing(_ db: Database, _ leadId: String) throws -> (state: String, version: Int) {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, version FROM leads WHERE seq = ?", arguments: [LeadId.key(leadId)]) else {
            throw StoreError.unknownLead(leadId)
        }
        return (row[0], row[1])
    }

    /// The claim stored for a lead (in force while it is flagged).
    private static func claim(_ db: Database, _ leadId: String) throws -> Claim? {
        try Row.fetchOne(db, sql: "SELECT actor, at FROM claims WHERE lead = ?", arguments: [leadId]).map {
            Claim(leadId: leadId, by: $0[0], at: Date(timeIntervalSince1970: $0[1]))
        }
    }

    /// Drops a lead's claim when a command takes it out of the exceptions (`CommandEffect.endsClaim`).
    static func endClaim(_ db: Database, _ leadId: String) throws {
        try db.cachedStatement(sql: "DELETE FROM claims WHERE lead = ?").execute(arguments: [leadId])
    }
}
