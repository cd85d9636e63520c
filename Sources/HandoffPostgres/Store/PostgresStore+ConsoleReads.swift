import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The console's reads on PostgreSQL, each as of one snapshot, as the SQLite engine makes them
/// (SQLiteStore+Console.swift): counts from index ranges, the log read from a known entry on, lists that
/// stop at their limit. A refresh is a few statements: a round trip costs more here than a step does in
/// SQLite, so what SQLite reads value by value is read grouped, in one statement.
extension PostgresStore: ConsoleReads {
    @available(*, noasync, message: "blocks its thread")
    public func consoleBaseline(handoffsSince: Date, minutesFrom: Date, minutes: Int, recentEvents: Int) throws -> ConsoleBaseline {
        try read { s in
            let head = try Self.head(s)
            // Only flagged leads carry a reason code and every flagged lead has one, so the reasons count them.
            var byReason: [ExceptionReason: Int] = [:]
            var byState: [LeadState: Int] = [:]
            let tallies = try s.rows("""
                SELECT 'state', state, count(*) FROM leads GROUP BY state
                UNION ALL SELECT 'reason', reason, count(*) FROM leads WHERE reason IS NOT NULL GROUP BY reason
                """, as: (String, String, Int64).self)
            for (group, value, n) in tallies where n > 0 {
                if group == "reason" {
                    if let reason = ExceptionReason(rawValue: value) { byReason[reason] = Int(n) }
                } else if let state = LeadState(rawValue: value), state != .flagged {
                    byState[state] = Int(n)
                }
            }
            let flagged = byReason.values.reduce(0, +)
            if flagged > 0 { byState[.flagged] = flagged }
            let counts = StoreCounts(byState: byState, flaggedByReason: byReason, quarantined: head.quarantined, events: Int(head.latest))
            let open = try s.rows("SELECT id, owner, updated_at FROM leads WHERE state = 'assigned' ORDER BY seq", as: (String, String?, Double).self)
                .map { OpenAssignment(leadId: $0.0, owner: $0.1, since: Date(timeIntervalSince1970: $0.2)) }
            // The condition is the index's own, so the planner knows `events_handoffs` applies; of a `routed`
            // entry only the assignment it stands for is a hand-off. A day's hand-offs may be many: a cursor.
            let handoffs = try Self.facts(s, where: Self.handoffs(since: handoffsSince), many: true)
                .filter { $0.kind != .received && $0.kind != .checked }
            let received = try Self.receivedPerMinute(s, from: minutesFrom, minutes: minutes)
            let recent = try Self.fullEvents(s, after: max(head.latest - Int64(max(recentEvents, 0)), 0), through: head.latest)
            return ConsoleBaseline(
                counts: counts, open: open, handoffs: handoffs, receivedPerMinute: received, recent: recent,
                latestEvent: head.latest, generation: head.generation
            )
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func consoleRead(_ request: ConsoleRequest) throws -> ConsoleReadout {
        try read { s in
            let head = try Self.head(s)
            let latest = head.latest
            let waiting = latest - request.afterEvent
            let complete = waiting <= Int64(max(request.factLimit, 0))
            let facts = complete && waiting > 0
                ? try Self.facts(s, where: "e.seq > \(request.afterEvent) AND e.seq <= \(latest)", many: waiting > Self.cursorBatch)
                    .filter { $0.seq > request.afterEvent }
                : []
            let recentFrom = max(request.afterEvent, latest - Int64(max(request.recentEvents, 0)))
            let recent = recentFrom < latest ? try Self.fullEvents(s, after: recentFrom, through: latest) : []
            let lists = try request.lists.map { try Self.page(s, $0, countLimit: request.countLimit) }
            let events = try request.events.map { try Self.eventPage(s, $0, total: Int(latest)) } ?? ListPage(offset: 0, rows: [], total: 0)
            return ConsoleReadout(
                facts: facts, factsComplete: complete, recent: recent, lists: lists, events: events, openLoad: try Self.openLoad(s),
                quarantined: head.quarantined, latestEvent: latest, generation: head.generation
            )
        }
    }

    /// The entries `events_handoffs` holds, stamped at or after `since`: the condition is the index's own.
    static func handoffs(since: Date) -> PostgresQuery {
        """
        (e.kind IN ('assigned', 'approved', 'reassigned', 'rerouted', 'accepted') OR (e.kind IN ('routed', 'decided') AND e.to_state = 'assigned')) \
        AND e.at >= \(since.timeIntervalSince1970)
        """
    }

    /// The newest entry's number, the quarantine's size and the generation, in one statement. A repeated
    /// quarantined record is ignored (`ON CONFLICT DO NOTHING`) but may use up a number of the identity all
    /// the same, so the records are counted rather than read off the highest number as on SQLite.
    @available(*, noasync, message: "blocks its thread")
    static func head(_ s: PostgresSession) throws -> (latest: Int64, quarantined: Int, generation: Int64) {
        let row = try s.row("""
            SELECT (SELECT COALESCE(max(seq), 0) FROM events), (SELECT count(*) FROM quarantine),
                (SELECT value::bigint FROM meta WHERE key = 'generation')
            """, as: (Int64, Int64, Int64?).self)
        return (row?.0 ?? 0, Int(row?.1 ?? 0), row?.2 ?? 0)
    }

    /// Open (assigned, not accepted) leads per owner.
    @available(*, noasync, message: "blocks its thread")
    static func openLoad(_ s: PostgresSession) throws -> [String: Int] {
        var load: [String: Int] = [:]
        for (owner, open) in try s.rows("SELECT owner, open FROM owner_load WHERE open <> 0", as: (String, Int64).self) { load[owner] = Int(open) }
        return load
    }

    // MARK: Arrivals per minute

    /// Leads taken in during each minute from `start`, counted on `events_arrivals` in one statement (the
    /// SQLite engine finds each minute's first lead by binary search, a round trip a probe here). A lead's
    /// arrival is its first entry, so when the log is in time order, as a store's own clock writes it, the
    /// two agree.
    @available(*, noasync, message: "blocks its thread")
    static func receivedPerMinute(_ s: PostgresSession, from start: Date, minutes: Int) throws -> [Int] {
        guard minutes > 0 else { return [] }
        let first = (start.timeIntervalSince1970 / 60).rounded(.down) * 60
        let end = first + Double(minutes) * 60
        var perMinute = Array(repeating: 0, count: minutes)
        for (minute, n) in try s.rows(arrivalsQuery(from: first, to: end), as: (Int64, Int64).self) where minute >= 0 && minute < Int64(minutes) {
            perMinute[Int(minute)] = Int(n)
        }
        return perMinute
    }

    /// Arrivals from `first` (a minute's start) until `end`, counted per minute; the condition on the kind
    /// is `events_arrivals`' own.
    static func arrivalsQuery(from first: Double, to end: Double) -> PostgresQuery {
        """
        SELECT floor((at - \(first)) / 60)::bigint, count(*) FROM events
        WHERE kind IN ('received', 'routed') AND at >= \(first) AND at < \(end) GROUP BY 1
        """
    }

    // MARK: Log entries

    /// An entry, with when the lead was last given to an owner (for an acceptance) and the reason it had
    /// been flagged with (for an entry taking it out of `flagged`), both found through the lead's index.
    static let factColumns = """
        e.seq, e.lead, e.kind, e.at, e.owner, e.from_state, e.to_state, e.reason,
        CASE WHEN e.kind = 'accepted' THEN (
            SELECT b.at FROM events b WHERE b.lead = e.lead AND b.seq < e.seq
                AND (b.kind IN ('assigned', 'approved', 'reassigned', 'rerouted') OR (b.kind IN ('routed', 'decided') AND b.to_state = 'assigned'))
            ORDER BY b.seq DESC LIMIT 1) END,
        CASE WHEN e.from_state = 'flagged' AND e.to_state IS DISTINCT FROM 'flagged' THEN (
            SELECT b.reason FROM events b WHERE b.lead = e.lead AND b.seq < e.seq
                AND b.to_state = 'flagged' AND b.from_state IS DISTINCT FROM 'flagged'
            ORDER BY b.seq DESC LIMIT 1) END,
        e.lead_version, CASE WHEN e.kind = 'routed' THEN (SELECT source FROM leads WHERE seq = e.lead) END
        """

    /// The entries are chosen first, on their own: asked for them in log order, the planner would rather walk
    /// the whole log along its primary key than sort the few `events_handoffs` finds.
    static func factsQuery(where condition: PostgresQuery) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            WITH chosen AS MATERIALIZED (
                SELECT seq, lead, kind, at, owner, from_state, to_state, reason, lead_version FROM events e WHERE \(condition.sql))
            SELECT \(factColumns) FROM chosen e ORDER BY e.seq
            """, binds: condition.binds)
    }

    /// Rows a cursor fetches at a time: past this many a read goes through one.
    static let cursorBatch = 5_000

    /// The entries `condition` chooses, oldest first, as facts; `routed` ones expanded. With `many`, read
    /// through a cursor, a batch at a time.
    @available(*, noasync, message: "blocks its thread")
    static func facts(_ s: PostgresSession, where condition: PostgresQuery, many: Bool) throws -> [EventFact] {
        let query = factsQuery(where: condition)
        typealias Row = (Int64, Int64, String, Double, String?, String?, String?, String?, Double?, String?, Int64, String?)
        var facts: [EventFact] = []
        func take(_ row: Row) {
            let lead = LeadId.make(Int(row.1)), at = Date(timeIntervalSince1970: row.3)
            let to = row.6.flatMap(LeadState.init(rawValue:))
            if RoutedEntry.isCombined(row.2) {
                // The entries it stands for, as facts (none of them an acceptance or a way out of `flagged`).
                facts += RoutedEntry.expand(kind: row.2, seq: row.0, lead: lead, at: at, actor: "", leadVersion: Int(row.10), rulebook: nil, reason: row.7,
                                            owner: row.4, text: nil, to: to, source: row.11).map {
                    EventFact(seq: $0.seq, leadId: $0.leadId, kind: $0.kind, at: $0.at, owner: $0.detail.owner, from: $0.detail.from,
                              to: $0.detail.to, reason: $0.reason)
                }
                return
            }
            facts.append(EventFact(
                seq: row.0, leadId: lead, kind: EventKind(rawValue: row.2) ?? .annotated, at: at, owner: row.4,
                from: row.5.flatMap(LeadState.init(rawValue:)), to: to, reason: row.7,
                assignedAt: row.8.map(Date.init(timeIntervalSince1970:)), flaggedReason: row.9.flatMap(ExceptionReason.init(rawValue:))
            ))
        }
        if many {
            try s.forEachRow(query, batch: cursorBatch) { take(try $0.decode(Row.self)) }
        } else {
            try s.rows(query, as: Row.self).forEach(take)
        }
        return facts
    }

    /// The entries numbered after `after` through `latest`, `routed` ones expanded. A `routed` entry is
    /// stored under the last number it stands for, so two more are read past `latest`.
    @available(*, noasync, message: "blocks its thread")
    static func fullEvents(_ s: PostgresSession, after: Int64, through latest: Int64) throws -> [LeadEvent] {
        try s.columns(PostgresQuery(unsafeSQL: entrySelect + " WHERE e.seq > $1 AND e.seq <= $2 ORDER BY e.seq", binds: {
            var binds = PostgresBindings()
            binds.append(after)
            binds.append(latest + 2)
            return binds
        }()))
        .flatMap(events(from:)).filter { $0.seq > after && $0.seq <= latest }
    }

    /// The log as readers see it, `routed` and `decided` entries expanded (the same columns as `events`, without the
    /// hash), for the reads that sort the whole of it in SQL; reads bounded by entry numbers expand in
    /// Swift instead (`events(from:)`), through the primary key.
    static let expandedLog = """
        (SELECT seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state
            FROM events WHERE kind NOT IN ('routed', 'decided')
        UNION ALL
        SELECT e.seq - e.lead_version + s.step, e.lead,
            CASE WHEN s.step = 1 THEN 'received' WHEN s.step < e.lead_version THEN 'checked'
                WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END,
            e.at, CASE WHEN s.step = 1 THEN e.actor ELSE 'router' END, s.step,
            CASE WHEN s.step > 1 THEN e.rulebook END,
            CASE WHEN s.step = 1 THEN (SELECT source FROM leads WHERE seq = e.lead) WHEN s.step = e.lead_version THEN e.reason END,
            CASE WHEN s.step = e.lead_version THEN e.owner END, NULL,
            CASE WHEN s.step = e.lead_version THEN e.text END,
            CASE WHEN s.step = 2 AND e.lead_version = 3 THEN 'received' WHEN s.step = e.lead_version THEN
                CASE WHEN e.lead_version = 3 THEN 'ready' ELSE 'received' END END,
            CASE WHEN s.step = 1 THEN 'received' WHEN s.step < e.lead_version THEN 'ready'
                WHEN e.to_state = 'assigned' THEN 'assigned' ELSE 'flagged' END
        FROM events e JOIN (VALUES (1::bigint), (2), (3)) AS s (step) ON s.step <= e.lead_version
        WHERE e.kind = 'routed'
        UNION ALL
        \(RoutedEntry.decidedExpandedSQL(steps: "(VALUES (1::bigint), (2)) AS s (step)")))
        """

    /// One page of the log, oldest first unless sorted; `total` is the number of entries (never deleted,
    /// numbered without gaps).
    @available(*, noasync, message: "blocks its thread")
    static func eventPage(_ s: PostgresSession, _ window: EventWindow, total: Int) throws -> ListPage<LeadEvent> {
        let limit = max(window.limit, 0)
        let offset = window.fromEnd || window.offset >= total ? max(total - limit, 0) : max(window.offset, 0)
        guard let sort = window.sort, eventSortFields[sort.field] != nil, sort.field != "seq" || sort.descending else {
            // In the log's own order the entry numbers are the positions.
            return ListPage(offset: offset, rows: try fullEvents(s, after: Int64(offset), through: Int64(min(offset + limit, total))), total: total)
        }
        let terms = ListOrder.terms(sort, fields: eventSortFields, base: [("seq", false)])
        // Sorted over the log as read, so a page counts the entries a `routed` one stands for (none is left
        // to expand: `lead_source` is for stored `routed` entries).
        let rows = try s.columns(PostgresQuery(unsafeSQL: """
            SELECT seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state,
                NULL::text AS lead_source
            FROM \(expandedLog) e \(ListOrder.orderBy(terms)) LIMIT \(limit) OFFSET \(offset)
            """))
        return ListPage(offset: offset, rows: try rows.flatMap(events(from:)), total: total)
    }
}
