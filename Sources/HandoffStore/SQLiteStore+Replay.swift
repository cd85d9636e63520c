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
    /// The lead columns, then when the lead was closed (accepted, disqualified or merged), if ever.
    private static let replayColumns = LeadColumns.select + """
        , (SELECT min(e.at) FROM events e WHERE e.lead_id = leads.id
           AND (e.kind = 'accepted' OR e.kind = 'disqualified' OR e.kind = 'merged')) AS closed_at
        """

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
            let keys = try Row.fetchCursor(db, sql: "SELECT received_at, seq FROM leads WHERE \(sql) ORDER BY seq", arguments: arguments)
            while let row = try keys.next() {
                let pair = (at: row[0] as Double, seq: row[1] as Int64)
                if let last = pairs.last, pair.at < last.at { inOrder = false }
                pairs.append(pair)
            }
            func read(_ row: Row) throws {
                let closed = (row[LeadColumns.names.count] as Double?).map(Date.init(timeIntervalSince1970:))
                try body(LeadColumns.lead(from: row), closed)
            }
            if inOrder {
                pairs = []
                let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.replayColumns) FROM leads WHERE \(sql) ORDER BY seq", arguments: arguments)
                while let row = try rows.next() { try read(row) }
                return
            }
            pairs.sort { $0.at != $1.at ? $0.at < $1.at : $0.seq < $1.seq }
            let statement = try db.cachedStatement(sql: "SELECT \(Self.replayColumns) FROM leads WHERE seq = ?")
            for pair in pairs {
                if let row = try Row.fetchOne(statement, arguments: [pair.seq]) { try read(row) }
            }
        }
    }

    /// Leads received in [from, before), in any order: what a replay's duplicate window remembers.
    public func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(LeadColumns.select) FROM leads WHERE received_at >= ? AND received_at < ?",
                arguments: [from.timeIntervalSince1970, before.timeIntervalSince1970]
            )
            while let row = try rows.next() { try body(LeadColumns.lead(from: row)) }
        }
    }
}
