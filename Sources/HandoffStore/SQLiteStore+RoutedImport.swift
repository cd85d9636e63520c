import Foundation
import GRDB
import HandoffCore

/// A lead of an import, given its id and routed before it is stored. Everything the writer needs
/// is worked out here, on the thread that makes it: the row's derived columns, the decision's stored
/// form and the text of its last event.
public struct RoutedLead: Sendable {
    let row: NewLeadRow
    let decision: Decision
    let code: [UInt8]
    let outcome: RoutingWrites.Outcome

    public init(lead: Lead, idempotencyKey: String, decision: Decision) {
        // The stored form leaves the lead id to the row's `id`.
        precondition(decision.leadId == lead.id, "a lead's own decision")
        row = NewLeadRow(lead, key: idempotencyKey)
        self.decision = decision
        code = DecisionCode.encode(decision)
        outcome = RoutingWrites.Outcome(decision)
    }
}

/// Part of a routed import on its way to the store.
public struct RoutedImportBatch: Sendable {
    public var leads: [RoutedLead] = []
    public var quarantine: [QuarantinedRecord] = []

    public init() {}

    public var count: Int { leads.count + quarantine.count }
}

/// What an import that routes as it goes did: the leads it stored and how they were routed.
public struct RoutedImport: Sendable, Hashable {
    public var stored: InsertSummary
    /// Counts only: a million decisions are not kept in memory (`handoff show` reads any of them).
    public var routed: RoutedBatch

    public init(stored: InsertSummary, routed: RoutedBatch) {
        self.stored = stored
        self.routed = routed
    }
}

/// Answers whether an idempotency key is stored, against one snapshot of the store.
public protocol StoredKeys {
    mutating func contains(_ key: String) throws -> Bool
}

extension SQLiteStore {
    public func importRouting(
        at: Date, actor: String, since mark: RoutingMark, catchUp: (OthersWrites) throws -> Void,
        start: (_ lastSerial: Int) throws -> Void, next: () throws -> RoutedImportBatch?
    ) throws -> RoutedImport {
        try write { db in
            let generation = try Self.catchUp(db, since: mark, catchUp)
            // A lead's events follow its row in the log but are written before it (its state comes from them).
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            try start(try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0)
            let columns = LeadColumns.names.count
            let insert = RawStatement(try db.cachedStatement(sql: """
                INSERT INTO leads (\(LeadColumns.select), state, owner, reason, route, pool, version, rulebook, decision, updated_at)
                VALUES (\(Array(repeating: "?", count: columns + 9).joined(separator: ", ")))
                """))
            let quarantine = try db.cachedStatement(sql: Self.insertQuarantineSQL)
            var writes = try RoutingWrites(db, at: at)
            var stored = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: 0, ids: [])

            while let batch = try next() {
                for item in batch.leads {
                    let lead = item.row.lead
                    let decision = item.decision
                    try writes.events.append(lead.id, .received, actor: actor, version: 1, rulebook: nil, reason: lead.source,
                                             detail: EventDetail(to: .received))
                    let (state, version) = try writes.record(decision, leadId: lead.id, version: 1, outcome: item.outcome)
                    item.row.bind(to: insert)
                    let c = Int32(columns)
                    insert.bind(c + 1, state.rawValue)
                    insert.bind(c + 2, decision.owner)
                    insert.bind(c + 3, decision.reason?.code)
                    insert.bind(c + 4, decision.route)
                    insert.bind(c + 5, decision.pool)
                    insert.bind(c + 6, version)
                    insert.bind(c + 7, decision.rulebookVersion)
                    insert.bind(c + 8, item.code)
                    insert.bind(c + 9, writes.events.time)
                    try insert.run()
                    stored.accepted += 1
                    if stored.ids.count < 100_000 { stored.ids.append(lead.id) }
                }
                for record in batch.quarantine {
                    try quarantine.execute(arguments: [record.file, record.line, record.column, record.field, record.reason, record.raw, writes.events.time])
                    stored.quarantined += 1
                }
            }
            try writes.flush(db)
            let routed = RoutedBatch(routed: stored.accepted, assigned: writes.assigned, flagged: writes.flagged, decisions: [],
                                     lastEvent: try Self.latestEvent(db), generation: generation)
            return RoutedImport(stored: stored, routed: routed)
        }
    }

    public func withStoredKeys<T>(_ body: (inout any StoredKeys) throws -> T) throws -> T {
        try database.read { db in
            var keys: any StoredKeys = SQLiteStoredKeys(statement: RawStatement(try db.cachedStatement(sql: "SELECT 1 FROM leads WHERE idem_key = ?")))
            return try body(&keys)
        }
    }
}

/// One read transaction's view of the stored keys (valid only inside `withStoredKeys`).
private struct SQLiteStoredKeys: StoredKeys {
    let statement: RawStatement

    func contains(_ key: String) throws -> Bool {
        statement.bind(1, key)
        return try statement.exists()
    }
}
