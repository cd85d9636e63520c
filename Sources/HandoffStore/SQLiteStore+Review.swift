import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    /// The facts a review needs about the leads received from `start` through `end`, read in one
    /// transaction: the window's leads by number, then the log from the first one's arrival, once.
    ///
    /// Leads are numbered in the order they were stored, and the log is written in time order, so the
    /// window is a range of lead numbers and a range of log entries, both found by binary search;
    /// nothing is counted over the whole table.
    public func reviewFacts(from start: Date, through end: Date) throws -> ReviewFacts {
        try read { db in
            var facts = ReviewFacts(start: start, end: end)
            for row in try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load WHERE open <> 0") {
                facts.openLoad[row[0]] = row[1]
            }
            guard let leads = try Self.leadRange(db, from: start.timeIntervalSince1970, through: end.timeIntervalSince1970) else {
                return facts
            }
            var names = NameTable()
            facts.leads = Array(repeating: ReviewFacts.LeadFacts(), count: Int(leads.upperBound - leads.lowerBound + 1))
            let statement = try db.makeStatement(sql: "SELECT seq, route, pool, rulebook FROM leads WHERE seq BETWEEN ? AND ?")
            statement.arguments = [leads.lowerBound, leads.upperBound]
            let projections = try Row.fetchCursor(statement)
            var columns = ColumnReader(statement, columns: 4)
            while try projections.next() != nil {
                let i = Int(columns.int64(0) - leads.lowerBound)
                facts.leads[i].route = columns.name(1, in: &names)
                facts.leads[i].pool = columns.name(2, in: &names)
                facts.leads[i].rulebook = columns.name(3, in: &names)
            }
            try Self.readLog(db, leads: leads, through: end.timeIntervalSince1970, into: &facts, names: &names)
            facts.names = names.names
            return facts
        }
    }

    /// The log's kinds a review reads, as small numbers so rows compare integers, not text.
    private enum ReviewKind: Int {
        case received = 0, assigned, approved, reassigned, rerouted, accepted, flagged, breached
    }

    private static func readLog(_ db: Database, leads: ClosedRange<Int64>, through end: Double,
                                into facts: inout ReviewFacts, names: inout NameTable) throws {
        guard let first = try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM events WHERE lead = ?", arguments: [leads.lowerBound]) else {
            return
        }
        let last = try lastEvent(db, atOrBefore: end)
        guard last >= first else { return }
        // The actor matters only for reassignments and flags; owners only for hand-offs.
        let statement = try db.makeStatement(sql: """
            SELECT lead,
                CASE kind WHEN 'received' THEN 0 WHEN 'assigned' THEN 1 WHEN 'approved' THEN 2 WHEN 'reassigned' THEN 3
                    WHEN 'rerouted' THEN 4 WHEN 'accepted' THEN 5 WHEN 'flagged' THEN 6 ELSE 7 END,
                at, actor = 'router',
                CASE WHEN kind = 'reassigned' OR kind = 'rerouted' THEN actor END,
                CASE WHEN kind = 'flagged' THEN reason END,
                owner, CASE WHEN kind = 'reassigned' OR kind = 'rerouted' THEN previous_owner END
            FROM events
            WHERE seq BETWEEN ? AND ?
                AND (kind = 'received' OR kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted'
                     OR kind = 'accepted' OR kind = 'flagged' OR kind = 'sla_breached')
            """)
        statement.arguments = [first, last]
        let rows = try Row.fetchCursor(statement)
        var columns = ColumnReader(statement, columns: 8)
        // Reason codes are few: each is read as text once.
        var reasons = NameTable()
        var reasonOf: [ExceptionReason?] = []
        let count = facts.leads.count
        while try rows.next() != nil {
            let i = Int(columns.int64(0) - leads.lowerBound)
            guard i >= 0, i < count, let kind = ReviewKind(rawValue: columns.int(1)) else { continue }
            let at = columns.double(2)
            switch kind {
            case .received:
                if facts.leads[i].receivedAt.isNaN { facts.leads[i].receivedAt = at }
            case .assigned, .approved, .reassigned, .rerouted:
                if facts.leads[i].firstOwnerAt.isNaN { facts.leads[i].firstOwnerAt = at }
                if facts.leads[i].acceptedAt.isNaN { facts.leads[i].lastHandoffAt = at }
                let owner = columns.name(6, in: &names)
                let key = ReviewFacts.AssignmentKey(rulebook: facts.leads[i].rulebook, pool: facts.leads[i].pool, owner: owner)
                facts.assignments[key, default: 0] += 1
                if kind == .reassigned || kind == .rerouted, owner >= 0 {
                    facts.reassignments.append(.init(lead: i, actor: columns.string(4) ?? "", from: columns.string(7), to: names.names[Int(owner)]))
                    if kind == .rerouted { facts.leads[i].rerouted = true }
                }
            case .accepted:
                if facts.leads[i].acceptedAt.isNaN { facts.leads[i].acceptedAt = at }
            case .flagged:
                if columns.int(3) != 0, facts.leads[i].exception == nil {
                    let code = columns.name(5, in: &reasons)
                    while reasonOf.count < reasons.names.count { reasonOf.append(ExceptionReason(rawValue: reasons.names[reasonOf.count])) }
                    facts.leads[i].exception = code >= 0 ? reasonOf[Int(code)] ?? .noRoute : .noRoute
                }
            case .breached:
                facts.leads[i].breached = true
            }
        }
    }

    /// The first and last lead whose arrival (their first log entry) lies in the window, or nil when none does.
    private static func leadRange(_ db: Database, from start: Double, through end: Double) throws -> ClosedRange<Int64>? {
        let newest = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
        guard newest > 0 else { return nil }
        let probe = try db.cachedStatement(sql: "SELECT at FROM events WHERE lead = ? ORDER BY seq LIMIT 1")
        func arrival(_ seq: Int64) throws -> Double { try Double.fetchOne(probe, arguments: [seq]) ?? .infinity }
        // The first lead that arrived at or after `limit` (newest + 1 when none did).
        func firstArriving(atOrAfter limit: Double, strictly: Bool) throws -> Int64 {
            var lo: Int64 = 1, hi = newest + 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                let at = try arrival(mid)
                if strictly ? at > limit : at >= limit { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        let first = try firstArriving(atOrAfter: start, strictly: false)
        let last = try firstArriving(atOrAfter: end, strictly: true) - 1
        return first <= last ? first...last : nil
    }

    /// The newest log entry written at or before `end`.
    private static func lastEvent(_ db: Database, atOrBefore end: Double) throws -> Int64 {
        let newest = try latestEvent(db)
        let probe = try db.cachedStatement(sql: "SELECT at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1")
        if try Double.fetchOne(probe, arguments: [newest]) ?? 0 <= end { return newest }
        var lo: Int64 = 0, hi = newest
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if try Double.fetchOne(probe, arguments: [mid]) ?? .infinity <= end { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
