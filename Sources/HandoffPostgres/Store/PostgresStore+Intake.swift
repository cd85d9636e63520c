import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Taking leads in: a file's import (`insert`, `importing`), live intake, and the accounts leads match to.
extension PostgresStore: LeadIntake, BulkIntake {
    @available(*, noasync, message: "blocks its thread")
    public func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary {
        try importing(at: at, actor: actor) { sink in
            for lead in leads { try sink.add(lead) }
            for record in quarantine { try sink.quarantine(record) }
        }
    }

    /// Streams an import into one transaction: everything `body` adds is committed together, or nothing
    /// is if it throws. Memory stays flat however many leads arrive (`PostgresLeadSink`).
    @available(*, noasync, message: "blocks its thread")
    public func importing(at: Date, actor: String, _ body: (inout any LeadSink) throws -> Void) throws -> InsertSummary {
        try write { tx in
            var sink: any LeadSink = try PostgresLeadSink(tx, at: at, actor: actor)
            try body(&sink)
            guard var written = sink as? PostgresLeadSink else { preconditionFailure("an import hands back the sink it was given") }
            try written.finish()
            return written.summary
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> [StoredLeadId] {
        try write { tx in
            var sink = try PostgresLeadSink(tx, at: at, actor: actor)
            let given = try sink.store(leads)
            // Repeats answer with the id their key has (stored before, or given earlier in this call).
            let repeats = zip(leads, given).compactMap { $1 == nil ? $0.idempotencyKey : nil }
            var existing: [String: String] = [:]
            if !repeats.isEmpty {
                for (key, id) in try tx.rows("SELECT idem_key, id FROM leads WHERE idem_key = ANY(\(repeats))", as: (String, String).self) {
                    existing[key] = id
                }
            }
            let ids = try zip(leads, given).map { lead, id in
                if let id { return StoredLeadId(id: id, added: true) }
                // The insert found the key taken, so its row is there; this only guards a store gone wrong.
                guard let id = existing[lead.idempotencyKey] else { throw StoreError.unknownLead("with key \(lead.idempotencyKey)") }
                return StoredLeadId(id: id, added: false)
            }
            for record in quarantine { try sink.quarantine(record) }
            try sink.finish()
            return ids
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func withStoredKeys<T>(_ body: (inout any StoredKeys) throws -> T) throws -> T {
        try read { session in
            var keys: any StoredKeys = PostgresStoredKeys(session: session)
            return try body(&keys)
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func upsert(accounts: [Account]) throws -> Int {
        // One row a domain, the last given (as one statement after another would leave it): a multi-row
        // upsert may not touch a row twice.
        var order: [String] = []
        var byDomain: [String: Account] = [:]
        for account in accounts {
            let domain = Normalizer.domain(account.domain) ?? account.domain
            if byDomain.updateValue(account, forKey: domain) == nil { order.append(domain) }
        }
        try write { tx in
            var rows = PostgresRowWriter(into: "accounts", columns: ["domain", "name", "owner"],
                                         then: "ON CONFLICT (domain) DO UPDATE SET name = excluded.name, owner = excluded.owner")
            for domain in order {
                let account = byDomain[domain]!
                try rows.add(tx) { binds in
                    binds.append(domain)
                    binds.append(account.name)
                    binds.append(account.owner)
                }
            }
            try rows.flush(tx)
        }
        return accounts.count
    }
}

/// One read transaction's view of the stored keys (valid only inside `withStoredKeys`).
private struct PostgresStoredKeys: StoredKeys {
    let session: PostgresSession

    @available(*, noasync, message: "blocks its thread")
    func contains(_ key: String) throws -> Bool {
        try session.value("SELECT EXISTS (SELECT 1 FROM leads WHERE idem_key = \(key))", as: Bool.self) ?? false
    }
}

/// Reads inside a write transaction (valid only while it runs).
struct PostgresTransactionReads: StoreAtStart {
    let session: PostgresSession

    @available(*, noasync, message: "blocks its thread")
    func hasQueued() throws -> Bool {
        try session.value("SELECT EXISTS (SELECT 1 FROM handoff_queued(1))", as: Bool.self) ?? false
    }

    @available(*, noasync, message: "blocks its thread")
    func leadId(forKey key: String) throws -> String? {
        try session.value("SELECT id FROM leads WHERE idem_key = \(key)", as: String.self)
    }

    @available(*, noasync, message: "blocks its thread")
    func activeShadowId() throws -> Int64? {
        try session.value("SELECT seq FROM shadows WHERE active = 1", as: Int64.self)
    }
}
