import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    /// The lead columns, then when the lead was closed: for a lead that is accepted, disqualified or
    /// merged, when it entered that state (`updated_at` moves only with a new state or owner). Read from
    /// the row itself: looking up each lead's events cost as much as reading the lead.
    private static let replayColumns = LeadColumns.select
        + ", CASE WHEN state = 'accepted' OR state = 'disqualified' OR state = 'merged' THEN updated_at END AS closed_at"

    private static func conditions(_ selection: ReplaySelection) -> (sql: String, arguments: StatementArguments) {
        var (clauses, arguments) = selection.filter.map(conditions) ?? ([], [])
        if let from = selection.from { clauses.append("received_at >= ?"); arguments.append(from.timeIntervalSince1970) }
        clauses.append("received_at <= ?")
        arguments.append(selection.to.timeIntervalSince1970)
        return (clauses.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// How many leads the selection holds, and when the first of them was received.
    public func replayExtent(_ selection: ReplaySelection) throws -> (count: Int, first: Date?) {
        let (sql, arguments) = Self.conditions(selection)
        return try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), min(received_at) FROM leads WHERE \(sql)", arguments: arguments)
            return (row?[0] ?? 0, (row?[1] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func replayLeads(_ selection: ReplaySelection, each body: (Lead, Date?) throws -> Void) throws {
        try replayLeads(selection, heldBackLimit: Self.heldBackLimit, each: body)
    }

    /// Every selected lead, oldest received first (ties in arrival order), with when it was closed.
    ///
    /// One pass reads the (received time, row) pairs (16 bytes a lead). Leads are then read through one
    /// cursor in table order, which is received order but for a few stragglers when leads are stored as
    /// they arrive: a lead that comes early is held back until its turn. When that would hold back more
    /// than `heldBackLimit` leads (an old export imported late), each lead is read by its row instead.
    /// Either way a million leads are never in memory at once.
    public func replayLeads(
        _ selection: ReplaySelection, heldBackLimit: Int, each body: (Lead, Date?) throws -> Void
    ) throws {
        let (sql, arguments) = Self.conditions(selection)
        try read { db in
            var pairs: [(at: Double, seq: Int64)] = []
            var inOrder = true
            let keys = try RawLeadReader(db.makeStatement(sql: "SELECT received_at, seq FROM leads WHERE \(sql) ORDER BY seq"), arguments: arguments)
            try keys.forEachRow {
                let pair = (at: keys.double(0) ?? 0, seq: keys.int64(1))
                if let last = pairs.last, pair.at < last.at { inOrder = false }
                pairs.append(pair)
            }
            let closedColumn = Int32(LeadColumns.names.count)
            func closed(_ reader: RawLeadReader) -> Date? { reader.double(closedColumn).map(Date.init(timeIntervalSince1970:)) }
            let cursorSQL = "SELECT \(Self.replayColumns) FROM leads WHERE \(sql) ORDER BY seq"
            if inOrder {
                pairs = []
                let rows = try RawLeadReader(db.makeStatement(sql: cursorSQL), arguments: arguments)
                try rows.forEachRow { try body(rows.lead(), closed(rows)) }
                return
            }
            let order = pairs.sorted { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }.map(\.seq)
            let tableOrder = pairs.map(\.seq)
            pairs = []
            if Self.heldBack(tableOrder, order) <= heldBackLimit {
                var held: [Int64: (Lead, Date?)] = [:]
                var next = 0
                let rows = try RawLeadReader(db.makeStatement(sql: cursorSQL), arguments: arguments)
                var index = 0
                try rows.forEachRow {
                    let seq = tableOrder[index]
                    index += 1
                    if seq == order[next] {
                        try body(rows.lead(), closed(rows))
                        next += 1
                    } else {
                        held[seq] = (rows.lead(), closed(rows))
                    }
                    while next < order.count, let (lead, closedAt) = held.removeValue(forKey: order[next]) {
                        try body(lead, closedAt)
                        next += 1
                    }
                }
                return
            }
            let statement = try db.makeStatement(sql: "SELECT \(Self.replayColumns) FROM leads WHERE seq = ?")
            for seq in order {
                let row = try RawLeadReader(statement, arguments: [seq])
                try row.forEachRow { try body(row.lead(), closed(row)) }
            }
        }
    }

    /// Leads a cursor in table order may hold back for received order before reading by row is cheaper.
    public static let heldBackLimit = 50_000

    /// The most leads a cursor in `tableOrder` would hold back at once to hand them out in `order`.
    static func heldBack(_ tableOrder: [Int64], _ order: [Int64]) -> Int {
        var pending = Set<Int64>()
        var next = 0, most = 0
        for seq in tableOrder {
            if seq == order[next] { next += 1 } else { pending.insert(seq); most = max(most, pending.count) }
            while next < order.count, pending.remove(order[next]) != nil { next += 1 }
        }
        return most
    }

    /// Leads received in [from, before), in any order: what a replay's duplicate window remembers.
    public func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws {
        try read { db in
            let rows = try RawLeadReader(
                db.makeStatement(sql: "SELECT \(LeadColumns.select) FROM leads WHERE received_at >= ? AND received_at < ?"),
                arguments: [from.timeIntervalSince1970, before.timeIntervalSince1970]
            )
            try rows.forEachRow { try body(rows.lead()) }
        }
    }
}
