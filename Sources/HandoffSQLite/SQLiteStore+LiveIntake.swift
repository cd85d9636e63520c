import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> [StoredLeadId] {
        try write { db in
            var sink = try SQLiteLeadSink(db: db, at: at, actor: actor)
            // Prepared once per transaction: a group commit may carry hundreds of repeats.
            let existing = try db.cachedStatement(sql: "SELECT \(LeadId.sql("seq")) FROM leads WHERE \(LeadColumns.key) = ?")
            var ids: [StoredLeadId] = []
            ids.reserveCapacity(leads.count)
            for lead in leads {
                if let id = try sink.store(lead) {
                    ids.append(StoredLeadId(id: id, added: true))
                } else if let id = try String.fetchOne(existing, arguments: [lead.idempotencyKey]) {
                    ids.append(StoredLeadId(id: id, added: false))
                } else {
                    // The insert found the key taken, so its row is there; this only guards a store gone wrong.
                    throw StoreError.unknownLead("with key \(lead.idempotencyKey)")
                }
            }
            for record in quarantine { try sink.quarantine(record) }
            return ids
        }
    }
}

/// Reads inside a write transaction (valid only while it runs).
struct TransactionReads: StoreAtStart {
    let db: Database

    func hasQueued() throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM leads WHERE state = 'received')")) ?? false
    }

    func leadId(forKey key: String) throws -> String? {
        // Asked for every lead, answered yes only for repeats: the probe is bound through the C API.
        let probe = RawStatement(try db.cachedStatement(sql: "SELECT 1 FROM leads WHERE \(LeadColumns.key) = ?"))
        probe.bind(1, key)
        guard try probe.exists() else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT \(LeadId.sql("seq")) FROM leads WHERE \(LeadColumns.key) = ?"), arguments: [key])
    }

    func activeShadowId() throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM shadows WHERE active = 1"))
    }
}
