import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The console's reads. Each is bounded by an index range or by the rows a screen holds: counts come
/// from index ranges, the log is read from a known entry on, lists stop at their limit.
extension SQLiteStore {
    public func consoleBaseline(handoffsSince: Date, minutesFrom: Date, minutes: Int, recentEvents: Int) throws -> ConsoleBaseline {
        try read { db in
            let latest = try Self.latestEvent(db)
            // Counted on index ranges, one value at a time (faster than grouping). Only flagged leads
            // carry a reason code and every flagged lead has one, so the reason index counts them.
            var byReason: [ExceptionReason: Int] = [:]
            let countReason = try db.cachedStatement(sql: "SELECT count(*) FROM leads WHERE reason = ?")
            for reason in ExceptionReason.allCases {
                let n = try Int.fetchOne(countReason, arguments: [reason.rawValue]) ?? 0
                if n > 0 { byReason[reason] = n }
            }
            var byState: [LeadState: Int] = [:]
            let countState = try db.cachedStatement(sql: "SELECT count(*) FROM leads WHERE state = ?")
            for state in LeadState.allCases where state != .flagged {
                let n = try Int.fetchOne(countState, arguments: [state.rawValue]) ?? 0
                if n > 0 { byState[state] = n }
            }
            let flagged = byReason.values.reduce(0, +)
            if flagged > 0 { byState[.flagged] = flagged }
            let counts = StoreCounts(byState: byState, flaggedByReason: byReason, quarantined: try Self.quarantineCount(db), events: Int(latest))
            let open = try Row.fetchAll(db, sql: "SELECT \(LeadId.sql("seq")), owner, updated_at FROM leads WHERE state = 'assigned'").map {
                OpenAssignment(leadId: $0[0], owner: $0[1], since: Date(timeIntervalSince1970: $0[2]))
            }
            // The condition is the index's own, word for word, so SQLite knows the partial index applies;
            // of a `routed` entry only the assignment it stands for is a hand-off.
            let handoffs = try Self.facts(db, sql: """
                SELECT \(Self.factColumns) FROM events e INDEXED BY events_handoffs
                WHERE (\(Self.handoffCondition)) AND e.at >= ? ORDER BY e.seq
                """, [handoffsSince.timeIntervalSince1970]).filter { $0.kind != .received && $0.kind != .checked }
            let received = try Self.receivedPerMinute(db, from: minutesFrom, minutes: minutes)
            let recent = try Self.fullEvents(db, after: max(latest - Int64(max(recentEvents, 0)), 0), through: latest,
                                             text: LogText(db: db, lists: storedWords))
            return ConsoleBaseline(
                counts: counts, open: open, handoffs: handoffs, receivedPerMinute: received, recent: recent,
                latestEvent: latest, generation: try Self.generation(db)
            )
        }
    }

    public func consoleRead(_ request: ConsoleRequest) throws -> ConsoleReadout {
        try read { db in
            let latest = try Self.latestEvent(db)
            let waiting = latest - request.afterEvent
            let complete = waiting <= Int64(max(request.factLimit, 0))
            let facts = complete && waiting > 0
                ? try Self.facts(db, sql: "SELECT \(Self.factColumns) FROM events e WHERE e.seq > ? AND e.seq <= ? ORDER BY e.seq", [request.afterEvent, latest])
                    .filter { $0.seq > request.afterEvent }
                : []
            let recentFrom = max(request.afterEvent, latest - Int64(max(request.recentEvents, 0)))
            let text = LogText(db: db, lists: storedWords)
            let recent = recentFrom < latest ? try Self.fullEvents(db, after: recentFrom, through: latest, text: text) : []
            let lists = try request.lists.map { try Self.page(db, $0, countLimit: request.countLimit) }
            let events = try request.events.map { try Self.eventPage(db, $0, total: Int(latest), text: text) } ?? ListPage(offset: 0, rows: [], total: 0)
            var openLoad: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load WHERE open <> 0") { openLoad[row[0]] = row[1] }
            return ConsoleReadout(
                facts: facts, factsComplete: complete, recent: recent, lists: lists, events: events, openLoad: openLoad,
                quarantined: try Self.quarantineCount(db), latestEvent: latest, generation: try Self.generation(db)
            )
        }
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'")) ?? 0
    }

    /// Quarantined records are never deleted and a repeat is ignored without using a number, so the
    /// highest number is the count (the same holds for the log, whose triggers refuse deletes).
    static func quarantineCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM quarantine") ?? 0
    }

    // MARK: Arrivals per minute

    /// Leads taken in during each minute from `start`, by binary search rather than counting: leads are
    /// numbered in the order they were stored (never deleted, so without gaps) and each write stamps its
    /// entries with its own clock, so the number of leads received before a moment is the number of the
    /// first lead received at or after it, less one.
    static func receivedPerMinute(_ db: Database, from start: Date, minutes: Int) throws -> [Int] {
        guard minutes > 0 else { return [] }
        let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
        let probe = try db.cachedStatement(sql: """
            SELECT l.seq, (SELECT e.at FROM events e WHERE e.lead = l.seq ORDER BY e.seq LIMIT 1)
            FROM leads l WHERE l.seq >= ? ORDER BY l.seq LIMIT 1
            """)
        let first = (start.timeIntervalSince1970 / 60).rounded(.down) * 60
        var lo: Int64 = 1
        var boundaries: [Int64] = []
        for m in 0...minutes {
            let time = first + Double(m) * 60
            var hi = last + 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                guard let row = try Row.fetchOne(probe, arguments: [mid]) else { hi = mid; continue }
                let at: Double? = row[1]
                if let at, at < time { lo = (row[0] as Int64) + 1 } else { hi = mid }
            }
            boundaries.append(lo)
        }
        return zip(boundaries, boundaries.dropFirst()).map { Int($1 - $0) }
    }

    // MARK: Log entries

    static let assignmentKinds = "'assigned', 'approved', 'reassigned', 'rerouted'"

    /// The entries `events_handoffs` holds (migration 18), spelled as its condition.
    static let handoffCondition = """
        kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted' OR kind = 'accepted' \
        OR (kind IN ('routed', 'decided') AND to_state = 'assigned')
        """

    /// An entry, with when the lead was last given to an owner (for an acceptance) and the reason it had
    /// been flagged with (for an entry taking it out of `flagged`), both found through the lead's index.
    static let factColumns = """
        e.seq, \(LeadId.sql("e.lead")), e.kind, e.at, e.owner, e.from_state, e.to_state, e.reason,
        CASE WHEN e.kind = 'accepted' THEN (
            SELECT b.at FROM events b WHERE b.lead = e.lead AND b.seq < e.seq
                AND (b.kind IN (\(assignmentKinds)) OR (b.kind IN ('routed', 'decided') AND b.to_state = 'assigned'))
            ORDER BY b.seq DESC LIMIT 1) END,
        CASE WHEN e.from_state = 'flagged' AND e.to_state IS NOT 'flagged' THEN (
            SELECT b.reason FROM events b WHERE b.lead = e.lead AND b.seq < e.seq
                AND b.to_state = 'flagged' AND b.from_state IS NOT 'flagged'
            ORDER BY b.seq DESC LIMIT 1) END,
        e.lead_version, \(RoutedEntry.sourceColumn)
        """

    static func facts(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> [EventFact] {
        var facts: [EventFact] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let from: String? = row[5], to: String? = row[6]
            let assignedAt: Double? = row[8]
            let flaggedReason: String? = row[9]
            if RoutedEntry.isCombined(row[2]) {
                // The entries it stands for, as facts (none of them an acceptance or a way out of `flagged`).
                let expanded = RoutedEntry.expand(kind: row[2], seq: row[0], lead: row[1], at: Date(timeIntervalSince1970: row[3]), actor: "",
                                                  leadVersion: row[10], rulebook: nil, reason: row[7], owner: row[4], text: nil,
                                                  to: to.flatMap(LeadState.init(rawValue:)), source: row[11])
                facts += expanded.map {
                    EventFact(seq: $0.seq, leadId: $0.leadId, kind: $0.kind, at: $0.at, owner: $0.detail.owner, from: $0.detail.from,
                              to: $0.detail.to, reason: $0.reason)
                }
                continue
            }
            facts.append(EventFact(
                seq: row[0], leadId: row[1], kind: EventKind(rawValue: row[2]) ?? .annotated,
                at: Date(timeIntervalSince1970: row[3]), owner: row[4],
                from: from.flatMap(LeadState.init(rawValue:)), to: to.flatMap(LeadState.init(rawValue:)), reason: row[7],
                assignedAt: assignedAt.map(Date.init(timeIntervalSince1970:)),
                flaggedReason: flaggedReason.flatMap(ExceptionReason.init(rawValue:))
            ))
        }
        return facts
    }

    /// The entries numbered after `after` through `latest`, `routed` ones expanded. A `routed` entry is
    /// stored under the last number it stands for, so two more are read past `latest`.
    static func fullEvents(_ db: Database, after: Int64, through latest: Int64, text: LogText) throws -> [LeadEvent] {
        try fullEvents(db, "WHERE seq > ? AND seq <= ? ORDER BY seq", [after, latest + 2], text: text).filter { $0.seq > after && $0.seq <= latest }
    }

    /// Entries of the log as stored (`from` names the table, or `RoutedEntry.expandedLogSQL` for the log
    /// as read), chosen and ordered by `clause`; `routed` entries read from the table are expanded.
    static func fullEvents(
        _ db: Database, from table: String = "events", _ clause: String, _ arguments: StatementArguments, text: LogText
    ) throws -> [LeadEvent] {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, \(LeadId.sql("lead")), kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state,
                CASE WHEN kind = 'routed' THEN (SELECT source FROM leads WHERE leads.seq = e.lead) END
            FROM \(table) e \(clause)
            """)
        return try Row.fetchAll(statement, arguments: arguments).flatMap { row in
            let from: String? = row[11], to: String? = row[12]
            let entryText = text.text(row[10], rulebook: row[6])
            if RoutedEntry.isCombined(row[2]) {
                return RoutedEntry.expand(kind: row[2], seq: row[0], lead: row[1], at: Date(timeIntervalSince1970: row[3]), actor: row[4], leadVersion: row[5],
                                          rulebook: row[6], reason: row[7], owner: row[8], text: entryText,
                                          to: to.flatMap(LeadState.init(rawValue:)), source: row[13])
            }
            return [LeadEvent(
                seq: row[0], leadId: row[1], kind: EventKind(rawValue: row[2]) ?? .annotated, at: Date(timeIntervalSince1970: row[3]),
                actor: row[4], leadVersion: row[5], rulebookVersion: row[6], reason: row[7],
                detail: EventDetail(owner: row[8], previousOwner: row[9], text: entryText,
                                    from: from.flatMap(LeadState.init(rawValue:)), to: to.flatMap(LeadState.init(rawValue:)))
            )]
        }
    }
}
