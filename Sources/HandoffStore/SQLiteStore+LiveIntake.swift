import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    public func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> [StoredLeadId] {
        try write { db in
            var sink = try SQLiteLeadSink(db: db, at: at, actor: actor)
            // Prepared once per transaction: a group commit may carry hundreds of repeats.
            let existing = try db.cachedStatement(sql: "SELECT id FROM leads WHERE idem_key = ?")
            var ids: [StoredLeadId] = []
            ids.reserveCapacity(leads.count)
            for lead in leads {
                if let id = try sink.add(lead) {
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

extension SQLiteStore {
    public func intakeLookup(keys: [String]) throws -> IntakeLookup {
        // Another connection, which may run inside a write of this store's: a write transaction holds
        // the write lock from its start, so nothing commits between it and this read.
        try read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM leads WHERE state = 'received')") == false else {
                return IntakeLookup(queued: true, stored: [:])
            }
            let existing = try db.cachedStatement(sql: "SELECT id FROM leads WHERE idem_key = ?")
            var stored: [String: String] = [:]
            for key in keys {
                if let id = try String.fetchOne(existing, arguments: [key]) { stored[key] = id }
            }
            return IntakeLookup(queued: false, stored: stored)
        }
    }
}

/// What live intake reads before it decides leads in its own transaction.
public struct IntakeLookup: Sendable, Hashable {
    /// Some lead waits to be routed (then `stored` is not read).
    public var queued: Bool
    /// Idempotency key to the id of the lead stored under it.
    public var stored: [String: String]

    public init(queued: Bool, stored: [String: String]) {
        self.queued = queued
        self.stored = stored
    }
}

/// A lead's id after live intake: the one it was given now, or the one it already had (a repeat).
public struct StoredLeadId: Sendable, Hashable {
    public var id: String
    /// False when a lead with the same idempotency key was stored before.
    public var added: Bool

    public init(id: String, added: Bool) {
        self.id = id
        self.added = added
    }
}
