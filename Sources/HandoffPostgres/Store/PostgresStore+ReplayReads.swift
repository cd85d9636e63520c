import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Stored leads in received order on PostgreSQL, for replays and simulations, through a cursor of one
/// snapshot: a million leads are never in memory at once. The SQLite engine reads in table order and
/// holds back the few leads that came early (SQLiteStore+Replay.swift); here the server sorts, spilling
/// to disk when it must, and hands the rows over a batch at a time.
extension PostgresStore: ReplayReads {
    /// The lead columns, then when the lead was closed: for a lead that is accepted, disqualified or
    /// merged, when it entered that state (`updated_at` moves only with a new state or owner).
    static let replayColumns = LeadColumns.select
        + ", CASE WHEN state = 'accepted' OR state = 'disqualified' OR state = 'merged' THEN updated_at END AS closed_at"

    /// The selection as conditions on `leads`, its values bound in `q`.
    static func replayConditions(_ selection: ReplaySelection, _ q: inout BoundSQL) -> String {
        var clauses: [String] = []
        if let filter = selection.filter {
            if let state = filter.state { clauses.append("state = \(q.bind(state.rawValue))") }
            if let owner = filter.owner { clauses.append("owner = \(q.bind(owner))") }
            if let reason = filter.reason { clauses.append("reason = \(q.bind(reason.rawValue))") }
            if let search = filter.search, !search.isEmpty {
                // SQLite's LIKE ignores case; PostgreSQL's ILIKE does. The text typed is matched as written.
                let escape = LikePattern.clause
                let exact = q.bind(search), like = q.bind(LikePattern.containing(search))
                clauses.append("""
                    (id = \(exact) OR email ILIKE \(like) \(escape) OR company ILIKE \(like) \(escape) \
                    OR last_name ILIKE \(like) \(escape) OR external_id = \(exact))
                    """)
            }
        }
        if let from = selection.from { clauses.append("received_at >= \(q.bind(from.timeIntervalSince1970))") }
        clauses.append("received_at <= \(q.bind(selection.to.timeIntervalSince1970))")
        return clauses.joined(separator: " AND ")
    }

    /// How many leads the selection holds, and when the first of them was received.
    @available(*, noasync, message: "blocks its thread")
    public func replayExtent(_ selection: ReplaySelection) throws -> (count: Int, first: Date?) {
        var q = BoundSQL()
        let conditions = Self.replayConditions(selection, &q)
        q.sql = "SELECT count(*), min(received_at) FROM leads WHERE \(conditions)"
        return try readOne { s in
            let row = try s.row(q.query, as: (Int64, Double?).self)
            return (Int(row?.0 ?? 0), row?.1.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Every selected lead, oldest received first (ties in arrival order), with when it was closed.
    @available(*, noasync, message: "blocks its thread")
    public func replayLeads(_ selection: ReplaySelection, each body: (Lead, Date?) throws -> Void) throws {
        var q = BoundSQL()
        let conditions = Self.replayConditions(selection, &q)
        q.sql = "SELECT \(Self.replayColumns) FROM leads WHERE \(conditions) ORDER BY received_at, seq"
        try read { s in
            try s.forEachRow(q.query, batch: Self.cursorBatch) { row in
                let c = Columns(row, at: s.location)
                try body(LeadColumns.lead(from: c), try c.value("closed_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// Leads received in [from, before), in the order they were stored: what a replay's duplicate window
    /// remembers.
    @available(*, noasync, message: "blocks its thread")
    public func leads(receivedFrom from: Date, before: Date, each body: (Lead) throws -> Void) throws {
        try read { s in
            try s.forEachRow("""
                SELECT \(unescaped: LeadColumns.select) FROM leads
                WHERE received_at >= \(from.timeIntervalSince1970) AND received_at < \(before.timeIntervalSince1970) ORDER BY seq
                """, batch: Self.cursorBatch) { row in
                try body(LeadColumns.lead(from: Columns(row, at: s.location)))
            }
        }
    }
}
