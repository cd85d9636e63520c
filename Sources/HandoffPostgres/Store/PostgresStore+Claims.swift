import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Claims on exceptions (`LeadClaims`): a `claimed` or `unclaimed` entry through the chained log writer
/// and the claims in force in `claims`, as on SQLite.
extension PostgresStore: LeadClaims {
    public func claim(_ leadId: String, by actor: String, at: Date) throws -> Claim {
        try write { tx in
            let (state, version) = try Self.standing(tx, leadId)
            guard state == LeadState.flagged.rawValue else { throw ClaimRefusal.notAnException(leadId, state: state) }
            let previous = try Self.claim(tx, leadId)
            let note = previous.flatMap { $0.by == actor ? nil : "taken over from \($0.by)" }
            var events = try PostgresEventWriter(tx, at: at)
            try events.append(try LeadId.number(leadId), .claimed, actor: actor, version: version, rulebook: nil, reason: nil,
                              detail: EventDetail(text: note), session: tx)
            try events.flush(tx)
            try tx.execute("""
                INSERT INTO claims (lead, actor, at) VALUES (\(leadId), \(actor), \(at.timeIntervalSince1970))
                ON CONFLICT (lead) DO UPDATE SET actor = excluded.actor, at = excluded.at
                """)
            return Claim(leadId: leadId, by: actor, at: at)
        }
    }

    public func unclaim(_ leadId: String, by actor: String, at: Date) throws -> Claim? {
        try write { tx in
            let (_, version) = try Self.standing(tx, leadId)
            guard let previous = try Self.claim(tx, leadId) else { return nil }
            var events = try PostgresEventWriter(tx, at: at)
            try events.append(try LeadId.number(leadId), .unclaimed, actor: actor, version: version, rulebook: nil, reason: nil,
                              detail: EventDetail(text: previous.by == actor ? nil : "\(previous.by)'s claim"), session: tx)
            try events.flush(tx)
            try tx.execute("DELETE FROM claims WHERE lead = \(leadId)")
            return previous
        }
    }

    public func claims(on leadIds: [String]) throws -> [String: Claim] {
        guard !leadIds.isEmpty else { return [:] }
        return try readOne { session in
            var found: [String: Claim] = [:]
            // One array parameter, however many leads the list shows.
            for c in try session.columns("""
                SELECT c.lead, c.actor, c.at FROM claims c JOIN leads l ON l.id = c.lead
                WHERE l.state = 'flagged' AND c.lead = ANY(\(leadIds))
                """) {
                let claim = Claim(leadId: try c.value("lead"), by: try c.value("actor"), at: try c.date("at"))
                found[claim.leadId] = claim
            }
            return found
        }
    }

    /// The lead's state and version, or `unknownLead`.
    @available(*, noasync, message: "blocks its thread")
    private static func standing(_ session: PostgresSession, _ leadId: String) throws -> (state: String, version: Int) {
        guard let c = try session.firstColumns("SELECT state, version FROM leads WHERE id = \(leadId)") else {
            throw StoreError.unknownLead(leadId)
        }
        return (try c.value("state"), try c.int("version"))
    }

    /// The claim stored for a lead (in force while it is flagged).
    @available(*, noasync, message: "blocks its thread")
    private static func claim(_ session: PostgresSession, _ leadId: String) throws -> Claim? {
        try session.firstColumns("SELECT actor, at FROM claims WHERE lead = \(leadId)").map {
            Claim(leadId: leadId, by: try $0.value("actor"), at: try $0.date("at"))
        }
    }
}
