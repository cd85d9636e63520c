import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The review's read on PostgreSQL, as the SQLite engine makes it (SQLiteStore+Review.swift): the window's
/// leads found by their arrival through `events_arrivals`, then the log from the first one's arrival,
/// once, a cursor's batch at a time. `routed` entries are counted as the entries they stand for.
extension PostgresStore: ReviewReads {
    /// Nothing assumes the log was written in time order: entries written with an earlier `--now` after
    /// later ones, or by machines whose clocks disagree, are counted by their time like any other.
    @available(*, noasync, message: "blocks its thread")
    public func reviewFacts(from start: Date, through end: Date) throws -> ReviewFacts {
        try read { s in
            var facts = ReviewFacts(start: start, end: end)
            facts.openLoad = try Self.openLoad(s)
            guard let window = try Self.reviewWindow(s, from: start.timeIntervalSince1970, through: end.timeIntervalSince1970) else {
                return facts
            }
            // Names are numbered as they are first met: in lead order, then the log's, as on SQLite.
            var names = NameTable()
            facts.leads = Array(repeating: ReviewFacts.LeadFacts(), count: window.count)
            try s.forEachRow("""
                SELECT seq, route, pool, rulebook FROM leads WHERE seq BETWEEN \(window.leads.lowerBound) AND \(window.leads.upperBound)
                ORDER BY seq
                """, batch: Self.cursorBatch) { row in
                let (seq, route, pool, rulebook) = try row.decode((Int64, String?, String?, String?).self)
                guard let i = window.slot(seq) else { return }
                facts.leads[i].route = names.intern(route)
                facts.leads[i].pool = names.intern(pool)
                facts.leads[i].rulebook = names.intern(rulebook)
            }
            try Self.readReviewLog(s, window: window, through: end.timeIntervalSince1970, into: &facts, names: &names)
            facts.names = names.names
            return facts
        }
    }

    /// The leads whose arrival (their `received` entry, or the `routed` one standing for it) lies from
    /// `start` through `end`, or nil when none does. The condition is `events_arrivals`' own.
    @available(*, noasync, message: "blocks its thread")
    static func reviewWindow(_ s: PostgresSession, from start: Double, through end: Double) throws -> ReviewWindow? {
        var arrivals: [(lead: Int64, seq: Int64)] = []
        try s.forEachRow("""
            SELECT lead, seq FROM events WHERE kind IN ('received', 'routed') AND at BETWEEN \(start) AND \(end)
            """, batch: cursorBatch) { arrivals.append(try $0.decode((Int64, Int64).self)) }
        return ReviewWindow(arrivals: arrivals)
    }

    /// The log's kinds a review reads, as small numbers so rows compare integers, not text.
    private enum ReviewKind: Int32 {
        case received = 0, assigned, approved, reassigned, rerouted, accepted, flagged, breached
        /// Arrival and decision in one entry (`RoutedEntry`): read as `received`, then `assigned` or `flagged`.
        case routedAssigned, routedFlagged
    }

    @available(*, noasync, message: "blocks its thread")
    private static func readReviewLog(_ s: PostgresSession, window: ReviewWindow, through end: Double,
                                      into facts: inout ReviewFacts, names: inout NameTable) throws {
        // The actor matters only for reassignments and flags; owners only for hand-offs. Lead by lead, each
        // lead's entries in turn, along `events_by_lead`, as SQLite reads them: names and reassignments are
        // listed in the order they are met.
        let query: PostgresQuery = """
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
            WHERE seq >= \(window.firstEntry) AND lead BETWEEN \(window.leads.lowerBound) AND \(window.leads.upperBound) AND at <= \(end)
                AND kind IN ('received', 'assigned', 'approved', 'reassigned', 'rerouted', 'accepted', 'flagged', 'sla_breached', 'routed', 'decided')
            ORDER BY lead, seq
            """
        typealias Row = (Int64, Int32, Double, Bool, String?, String?, String?, String?)
        try s.forEachRow(query, batch: cursorBatch) { raw in
            let row = try raw.decode(Row.self)
            guard let i = window.slot(row.0), let kind = ReviewKind(rawValue: row.1) else { return }
            let at = row.2
            func received() {
                if facts.leads[i].receivedAt.isNaN { facts.leads[i].receivedAt = at }
            }
            func handedOff() {
                if facts.leads[i].firstOwnerAt.isNaN { facts.leads[i].firstOwnerAt = at }
                if facts.leads[i].acceptedAt.isNaN { facts.leads[i].lastHandoffAt = at }
                let owner = names.intern(row.6)
                let key = ReviewFacts.AssignmentKey(rulebook: facts.leads[i].rulebook, pool: facts.leads[i].pool, owner: owner)
                facts.assignments[key, default: 0] += 1
                if kind == .reassigned || kind == .rerouted, let to = row.6 {
                    facts.reassignments.append(.init(lead: i, actor: row.4 ?? "", from: row.7, to: to))
                    if kind == .rerouted { facts.leads[i].rerouted = true }
                }
            }
            func flagged() {
                if row.3, facts.leads[i].exception == nil {
                    facts.leads[i].exception = row.5.flatMap(ExceptionReason.init(rawValue:)) ?? .noRoute
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
