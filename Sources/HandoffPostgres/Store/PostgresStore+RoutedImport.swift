import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// An import that routes as it stores (`handoff import --route`): each lead's row goes in decided, with
/// one `routed` entry, in multi-row INSERTs as the batches arrive.
extension PostgresStore {
    static let routedLeadColumns = ["seq"] + LeadColumns.names + ["state", "owner", "reason", "route", "pool", "version", "rulebook", "decision", "updated_at"]

    @available(*, noasync, message: "blocks its thread")
    public func importRouting(
        at: Date, actor: String, since mark: RoutingMark, catchUp: (OthersWrites) throws -> Void,
        start: (_ lastSerial: Int, _ found: any StoreAtStart) throws -> Void, next: () throws -> RoutedImportBatch?
    ) throws -> RoutedImport {
        try write { tx in
            try fence.confirm(in: tx)
            let generation = try Self.catchUp(tx, since: mark, catchUp)
            let lastSerial = try tx.value("SELECT COALESCE(MAX(seq), 0)::bigint FROM leads", as: Int64.self) ?? 0
            try start(Int(lastSerial), PostgresTransactionReads(session: tx))
            // A row's fields, then what routing decided. No ON CONFLICT: the reader numbered these leads
            // after the last one stored and skipped stored keys, so a conflict fails the whole import.
            var leads = PostgresRowWriter(into: "leads", columns: Self.routedLeadColumns)
            var quarantined = Self.quarantineWriter()
            var writes = try PostgresRoutingWrites(tx, at: at, words: storedWords)
            let time = writes.events.time
            var stored = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: 0, ids: [])

            while let batch = try next() {
                for routed in batch.leads {
                    let decision = routed.decision
                    // Taken in and decided here: one `routed` entry for the three.
                    let (state, version) = try writes.recordRouted(decision, lead: routed.serial, actor: actor, outcome: routed.outcome, session: tx)
                    let code = try writes.words.code(DecisionCode.encode(decision, words: routed.words), words: routed.words, of: decision, session: tx)
                    try leads.add(tx) { binds in
                        binds.append(Int64(routed.serial))
                        LeadColumns.bind(routed.row, to: &binds)
                        binds.append(state.rawValue)
                        binds.append(decision.owner)
                        binds.append(decision.reason?.code)
                        binds.append(decision.route)
                        binds.append(decision.pool)
                        binds.append(Int64(version))
                        binds.append(decision.rulebookVersion)
                        binds.append(ByteBuffer(bytes: code))
                        binds.append(time)
                    }
                    if stored.ids.count < 100_000 { stored.ids.append(routed.row.lead.id) }
                }
                stored.accepted += batch.leads.count
                for record in batch.quarantine {
                    try quarantined.add(tx) { Self.bind(record, at: time, to: &$0) }
                    stored.quarantined += 1
                }
            }
            try leads.flush(tx)
            try quarantined.flush(tx)
            try writes.flush(tx)
            let routed = RoutedBatch(routed: stored.accepted, assigned: writes.assigned, flagged: writes.flagged, decisions: [],
                                     lastEvent: try Self.latestEvent(tx), generation: generation)
            return RoutedImport(stored: stored, routed: routed)
        }
    }
}
