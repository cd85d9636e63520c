import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func assigned(before: Date, limit: Int) throws -> [OpenLead] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(LeadId.sql("seq")), owner, route, pool, version, updated_at FROM leads INDEXED BY leads_assigned_since
                WHERE state = 'assigned' AND updated_at <= ? ORDER BY updated_at LIMIT ?
                """, arguments: [before.timeIntervalSince1970, limit]).map {
                OpenLead(id: $0[0], owner: $0[1], route: $0[2], pool: $0[3], version: $0[4], since: Date(timeIntervalSince1970: $0[5]))
            }
        }
    }

    public func owners(of leadId: String) throws -> [String] {
        try read { db in
            try String.fetchAll(try db.cachedStatement(sql: """
                SELECT owner FROM events WHERE lead = ? AND owner IS NOT NULL
                AND (kind IN ('assigned', 'approved', 'reassigned', 'rerouted') OR (kind IN ('routed', 'decided') AND to_state = 'assigned')) ORDER BY seq
                """), arguments: [LeadId.key(leadId)])
        }
    }

    public func reminded(_ leadId: String, since: Date) throws -> Bool {
        try read { db in
            try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM events WHERE lead = ? AND kind = 'reminded' AND at >= ?)"), arguments: [LeadId.key(leadId), since.timeIntervalSince1970]) ?? false
        }
    }
}
