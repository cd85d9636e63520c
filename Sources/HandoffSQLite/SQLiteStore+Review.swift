import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    /// The facts a review needs about the leads received from `start` through `end` (both included), read
    /// in one transaction: the window's leads, found by their arrival in the log through an index of
    /// arrivals, then the log from the first one's arrival, once.
    ///
    /// Nothing assumes the log was written in time order: entries written with an earlier `--now` after
    /// later ones, or by machines whose clocks disagree, are counted by their time like any other.
    public func reviewFacts(from start: Date, through end: Date) throws -> ReviewFacts {
        try read { db in
            var facts = ReviewFacts(start: start, end: end)
            for row in try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load WHERE open <> 0") {
                facts.openLoad[row[0]] = row[1]
            }
            guard let window = try Self.window(db, from: start.timeIntervalSince1970, through: end.timeIntervalSince1970) else {
                return facts
            }
            var names = NameTable()
            facts.leads = Array(repeating: ReviewFacts.LeadFacts(), count: window.count)
            let versions = try RulebookNumbers.versions(db)
            let statement = try db.makeStatement(sql: "SELECT seq, route, pool, rulebook_n FROM leads WHERE seq BETWEEN ? AND ?")
            statement.arguments = [window.leads.lowerBound, window.leads.upperBound]
            let projections = try Row.fetchCursor(statement)
            var columns = ColumnReader(statement, columns: 4)
            while try projections.next() != nil {
                guard let i = window.slot(columns.int64(0)) else { continue }
                facts.leads[i].route = columns.name(1, in: &names)
                facts.leads[i].pool = columns.name(2, in: &names)
                facts.leads[i].rulebook = columns.isNull(3) ? names.intern(nil) : names.intern(versions[columns.int64(3)])
            }
            try Self.readLog(db, window: window, through: end.timeIntervalSince1970, into: &facts, names: &names)
            facts.names = names.names
            return facts
        }
    }

    /// The leads whose arrival (their `received` entry, or the `routed` one standing for it) lies from `start` through `end`, or nil when none does.
    static func window(_ db: Database, from start: Double, through end: Double) throws -> ReviewWindow? {
        let arrivals = try Row.fetchAll(db, sql: """
            SELECT lead, seq FROM events INDEXED BY events_arrivals WHERE (kind = 'received' OR kind = 'routed') AND at BETWEEN ? AND ?
            """, arguments: [start, end])
        return ReviewWindow(arrivals: arrivals.map { (lead: $0[0], seq: $0[1]) })
    }

    /// The log's kinds a review reads, as small numbers so rows compare integers, not text.
    private enum ReviewKind: Int {
        case received = 0, assigned, approved, reassigned, rerouted, accepted, flagged, breached
        /// Arrival and decision in one entry (`RoutedEntry`): read as `received`, then `assigned` or `flagged`.
        case routedAssigned, routedFlagged
    }

    private static func readLog(_ db: Database, window: ReviewWindow, through end: Double,
                                into facts: inout ReviewFacts, names: inout NameTable) throws {
        // The actor matters only for reassignments and flags; owners only for hand-offs.
        let statement = try db.makeStatement(sql: """
            SELECT lead,
                CASE kind WHEN 'received' THEN 0 WHEN 'assigned' THEN 1 WHEN 'approved' THEN 2 WHEN 'reassigned' THEN 3
                    WHEN 'rerouted' THEN 4 WHEN 'accepted' THEN 5 WHEN 'flagged' THEN 6 WHEN 'sla_breached' THEN 7
                    WHEN 'decided' THEN CASE to_state WHEN 'assigned' THEN 1 ELSE 6 END
                    ELSE CASE to_state WHEN 'assigned' THEN 8 ELSE 9 END END,
                at, actor = 'router' OR kind = 'routed',
                CASE WHEN kind = 'reassigned' OR kind = 'rerouted' THEN actor END,
                CASE WHEN kind = 'flagged' OR kind = 'routed' OR kind = 'decided' THEN reason END,
                owner, CASE WHEN kind = 'reassigned' OR kind = 'rerouted' THEN previous_owner END
            FROM events
            WHERE seq >= ? AND lead BETWEEN ? AND ? AND at <= ?
                AND (kind = 'received' OR kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted'
                     OR kind = 'accepted' OR kind = 'flagged' OR kind = 'sla_breached' OR kind = 'routed' OR kind = 'decided')
            """)
        statement.arguments = [window.firstEntry, window.leads.lowerBound, window.leads.upperBound, end]
        let rows = try Row.fetchCursor(statement)
        var columns = ColumnReader(statement, columns: 8)
        // Reason codes are few: each is read as text once.
        var reasons = NameTable()
        var reasonOf: [ExceptionReason?] = []
        while try rows.next() != nil {
            guard let i = window.slot(columns.int64(0)), let kind = ReviewKind(rawValue: columns.int(1)) else { continue }
            let at = columns.double(2)
            func received() {
                if facts.leads[i].receivedAt.isNaN { facts.leads[i].receivedAt = at }
            }
            func handedOff() {
                if facts.leads[i].firstOwnerAt.isNaN { facts.leads[i].firstOwnerAt = at }
                if facts.leads[i].acceptedAt.isNaN { facts.leads[i].lastHandoffAt = at }
                let owner = columns.name(6, in: &names)
                let key = ReviewFacts.AssignmentKey(rulebook: facts.leads[i].rulebook, pool: facts.leads[i].pool, owner: owner)
                facts.assignments[key, default: 0] += 1
                if kind == .reassigned || kind == .rerouted, owner >= 0 {
                    facts.reassignments.append(.init(lead: i, actor: columns.string(4) ?? "", from: columns.string(7), to: names.names[Int(owner)]))
                    if kind == .rerouted { facts.leads[i].rerouted = true }
                }
            }
            func flagged() {
                if columns.int(3) != 0, facts.leads[i].exception == nil {
                    let code = columns.name(5, in: &reasons)
                    while reasonOf.count < reasons.names.count { reasonOf.append(ExceptionReason(rawValue: reasons.names[reasonOf.count])) }
                    facts.leads[i].exception = code >= 0 ? reasonOf[Int(code)] ?? .noRoute : .noRoute
                }
            }
            switch kind {
            case .received:
                received()
            case .assigned, .approved, .reassigned, .rerouted:
                handedOff()
            case .routedAssigned:
                received()
                handedOff()
            case .routedFlagged:
                received()
                flagged()
            case .accepted:
                if facts.leads[i].acceptedAt.isNaN { facts.leads[i].acceptedAt = at }
            case .flagged:
                flagged()
            case .breached:
                facts.leads[i].breached = true
            }
        }
    }
}
