import Foundation
import GRDB
import HandoffCore

/// A database made by an older Handoff that has not been migrated yet; a read-only store cannot do it.
public struct StoreOutdated: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
        "\(path) was made by an older Handoff; run a command that writes to it (e.g. `handoff route`) once to bring it up to date"
    }
}

/// Which stored leads a replay reads, by received time (inclusive) and optionally a filter.
public struct ReplaySelection: Sendable, Hashable {
    public var from: Date?
    public var to: Date
    public var filter: LeadFilter?

    public init(from: Date?, to: Date, filter: LeadFilter? = nil) {
        self.from = from
        self.to = to
        self.filter = filter
    }
}

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
        return try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), min(received_at) FROM leads WHERE \(sql)", arguments: arguments)
            return (row?[0] ?? 0, (row?[1] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Every selected lead, oldest received first (ties in arrival order), with when it was closed.
    ///
    /// Leads are read through a cursor in table order when that is already received order (the usual
    /// case: leads are stored as they arrive), so a million leads are never in memory at once. Otherwise
    /// the (received time, row) pairs are sorted (16 bytes a lead) and each lead is read by its row.
    public func replayLeads(_ selection: ReplaySelection, each body: (Lead, Date?) throws -> Void) throws {
        let (sql, arguments) = Self.conditions(selection)
        try database.read { db in
            var pairs: [(at: Double, seq: Int64)] = []
            var inOrder = true
            let keys = try RawLeadReader(db.makeStatement(sql: "SELECT received_at, seq FROM leads WHERE \(sql) ORDER BY seq"), arguments: arguments)
            try keys.forEachRow {
                let pair = (at: keys.double(0) ?? 0, seq: keys.int64(1))
                if let last = pairs.last, pair.at < last.at { inOrder = false }
                pairs.append(pair)
            }
            let closedColumn = Int32(LeadColumns.names.count)
            if inOrder {
                pairs = []
                let rows = try RawLeadReader(db.makeStatement(sql: "SELECT \(Self.replayColumns) FROM leads WHERE \(sql) ORDER BY seq"), arguments: arguments)
                try rows.forEachRow { try body(rows.lead(), rows.double(closedColumn).map(Date.init(timeIntervalSince1970:))) }
                return
            }
            pairs.sort { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }
            let statement = try db.makeStatement(sql: "SELECT \(Self.replayColumns) FROM leads WHERE seq = ?")
            for pair in pairs {
                let row = try RawLeadReader(statement, arguments: [pair.seq])
                try row.forEachRow { try body(row.lead(), row.double(closedColumn).map(Date.init(timeIntervalSince1970:))) }
            }
        }
    }

    /// Leads received in [from, before), in any order: what a replay's duplicate window remembers.
    public func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws {
        try database.read { db in
            let rows = try RawLeadReader(
                db.makeStatement(sql: "SELECT \(LeadColumns.select) FROM leads WHERE received_at >= ? AND received_at < ?"),
                arguments: [from.timeIntervalSince1970, before.timeIntervalSince1970]
            )
            try rows.forEachRow { try body(rows.lead()) }
        }
    }
}
