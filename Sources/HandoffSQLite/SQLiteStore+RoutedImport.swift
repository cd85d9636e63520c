import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func importRouting(
        at: Date, actor: String, since mark: RoutingMark, catchUp: (OthersWrites) throws -> Void,
        start: (_ lastSerial: Int, _ found: any StoreAtStart) throws -> Void, next: () throws -> RoutedImportBatch?
    ) throws -> RoutedImport {
        try write { db in
            let generation = try Self.catchUp(db, since: mark, catchUp)
            try start(try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM leads")) ?? 0, TransactionReads(db: db))
            // A row's fields, then what routing decided.
            var inserts = MultiRowInsert(db, into: "leads", columns: LeadColumns.insertNames
                + ["state", "owner", "reason", "route", "pool", "version", "rulebook_n", "decision", "updated_at"])
            let quarantine = try db.cachedStatement(sql: Self.insertQuarantineSQL)
            var writes = try RoutingWrites(db, at: at, words: storedWords)
            var stored = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: 0, ids: [])

            while let batch = try next() {
                // A run of rows as one INSERT, then their log entries (one a lead) as another (whose key to their
                // lead SQLite checks at commit).
                for run in MultiRowInsert.runs(of: batch.leads.count) {
                    let insert = try inserts.statement(rows: run.count)
                    try writes.events.begin(rows: run.count)
                    var offset: Int32 = 0
                    // Read in place through a pointer, the decision copied out once: `batch.leads[i]`, or a part
                    // of it handed to another module's function, was copied (retained field by field) at each use.
                    try batch.leads.withUnsafeBufferPointer { leads in
                        for i in run {
                            let routed = leads.baseAddress! + i
                            let decision = routed.pointee.decision, words = routed.pointee.words, serial = routed.pointee.serial
                            // Taken in and decided here: one `routed` entry for the three.
                            let (code, wordsStored) = try writes.storedCode(DecisionCode.encode(decision, words: words), words: words, of: decision, db)
                            let (state, version) = try writes.recordRouted(decision, lead: serial, actor: actor, outcome: routed.pointee.outcome,
                                                                           wordsStored: wordsStored)
                            routed.pointee.row.bind(to: insert, offset: offset, serial: serial)
                            let c = offset + Int32(LeadColumns.names.count)
                            insert.bind(c + 1, state.rawValue)
                            insert.bind(c + 2, decision.owner)
                            insert.bind(c + 3, decision.reason?.code)
                            insert.bind(c + 4, decision.route)
                            insert.bind(c + 5, decision.pool)
                            insert.bind(c + 6, version)
                            insert.bind(c + 7, Int(try writes.rulebooks.number(decision.rulebookVersion, db)))
                            insert.bind(c + 8, code)
                            insert.bind(c + 9, writes.events.time)
                            offset += inserts.columns
                            if stored.ids.count < 100_000 { stored.ids.append(routed.pointee.row.lead.id) }
                        }
                    }
                    try insert.run()
                    try writes.events.end()
                    stored.accepted += run.count
                }
                for record in batch.quarantine {
                    try quarantine.execute(arguments: [record.file, record.line, record.column, record.storedField, record.storedReason, record.storedRaw, writes.events.time])
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
        try read { db in
            var keys: any StoredKeys = SQLiteStoredKeys(statement: RawStatement(try db.cachedStatement(sql: "SELECT 1 FROM leads WHERE \(LeadColumns.key) = ?")))
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
