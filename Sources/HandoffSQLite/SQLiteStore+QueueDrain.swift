import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore: QueueDrain {
    public func drainQueue(
        at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, start: (_ tail: LogAnchor) throws -> Void,
        next: () throws -> DecidedBatch?
    ) throws -> RoutedBatch {
        try write { db in
            let generation = try Self.catchUp(db, since: mark, catchUp)
            var writes = try RoutingWrites(db, at: at, words: storedWords)
            try start(writes.events.chain.tail)
            var routed = 0
            while let batch = try next() {
                try Self.recordDecided(db, batch.leads, writes: &writes)
                routed += batch.leads.count
            }
            try writes.flush(db)
            return RoutedBatch(routed: routed, assigned: writes.assigned, flagged: writes.flagged, decisions: [],
                               lastEvent: try Self.latestEvent(db), generation: generation)
        }
    }

    public func withQueue<T>(_ body: (inout any QueueCursor) throws -> T) throws -> T {
        try read { db in
            var cursor: any QueueCursor = SQLiteQueueCursor(reader: try RawLeadReader(
                db.cachedStatement(sql: "SELECT \(LeadColumns.select), version FROM leads WHERE state = 'received' AND seq > ? ORDER BY seq LIMIT ?"),
                arguments: [0, 0]))
            return try body(&cursor)
        }
    }
}

/// One read transaction's walk through the queue (valid only inside `withQueue`), by `leads_by_state`.
private struct SQLiteQueueCursor: QueueCursor {
    let reader: RawLeadReader
    var after = 0

    mutating func next(limit: Int) throws -> [QueuedLead] {
        try reader.rebind(after, limit)
        var queued: [QueuedLead] = []
        queued.reserveCapacity(limit)
        try reader.forEachRow { queued.append(QueuedLead(lead: reader.lead(), version: Int(reader.int64(Int32(LeadColumns.names.count))))) }
        if let last = queued.last { after = try LeadId.number(last.lead.id) }
        return queued
    }
}
