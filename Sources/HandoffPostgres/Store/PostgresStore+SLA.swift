import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The SLA timer's reads.
extension PostgresStore {
    /// Ties in time go oldest lead first, the order SQLite's index gives them.
    @available(*, noasync, message: "blocks its thread")
    public func assigned(before: Date, limit: Int) throws -> [OpenLead] {
        try readOne { session in
            try session.rows("""
                SELECT id, owner, route, pool, version, updated_at FROM leads
                WHERE state = 'assigned' AND updated_at <= \(before.timeIntervalSince1970) ORDER BY updated_at, seq LIMIT \(Int64(limit))
                """, as: (String, String?, String?, String?, Int64, Double).self).map {
                OpenLead(id: $0, owner: $1, route: $2, pool: $3, version: Int($4), since: Date(timeIntervalSince1970: $5))
            }
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func owners(of leadId: String) throws -> [String] {
        try readOne { session in
            try session.values("""
                SELECT owner FROM events WHERE lead = \(Int64(LeadId.key(leadId))) AND owner IS NOT NULL
                AND (kind IN ('assigned', 'approved', 'reassigned', 'rerouted') OR (kind IN ('routed', 'decided') AND to_state = 'assigned')) ORDER BY seq
                """, as: String.self)
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func reminded(_ leadId: String, since: Date) throws -> Bool {
        try readOne { session in
            try session.value("""
                SELECT EXISTS (SELECT 1 FROM events WHERE lead = \(Int64(LeadId.key(leadId))) AND kind = 'reminded' AND at >= \(since.timeIntervalSince1970))
                """, as: Bool.self) ?? false
        }
    }
}
