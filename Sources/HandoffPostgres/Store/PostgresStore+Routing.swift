import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// The routing core's reads and writes: draining the queue, catching up with other processes, the pool
/// state it routes by.
extension PostgresStore: RoutingStore {
    @available(*, noasync, message: "blocks its thread")
    public func routeQueued(limit: Int, at: Date, decide: ([QueuedLead]) throws -> [Decision]) throws -> RoutedBatch {
        try routeQueued(limit: limit, at: at, since: nil, catchUp: { _ in }, decide: decide)
    }

    @available(*, noasync, message: "blocks its thread")
    public func routeQueued(
        limit: Int, at: Date, since mark: RoutingMark?, catchUp: (OthersWrites) throws -> Void, decide: ([QueuedLead]) throws -> [Decision]
    ) throws -> RoutedBatch {
        try write { tx in
            try fence.confirm(in: tx)
            let generation = try Self.catchUp(tx, since: mark, catchUp)
            let queued = try tx.columns("""
                SELECT \(unescaped: LeadColumns.select), version FROM handoff_queued(\(Int64(limit))) ORDER BY seq
                """).map { QueuedLead(lead: try LeadColumns.lead(from: $0), version: try $0.int("version")) }
            guard !queued.isEmpty else {
                return RoutedBatch(routed: 0, assigned: 0, flagged: [:], decisions: [], lastEvent: try Self.latestEvent(tx), generation: generation)
            }
            let decisions = try decide(queued)
            precondition(decisions.count == queued.count, "one decision per queued lead")

            var writes = try PostgresRoutingWrites(tx, at: at, words: storedWords)
            var updates = RoutedUpdates(time: writes.events.time)
            let words = DecisionWords.registered(for: decisions)
            for (item, decision) in zip(queued, decisions) {
                // The stored form leaves the lead id to the row's `id`.
                precondition(decision.leadId == item.lead.id, "each queued lead's own decision")
                let serial = try LeadId.number(item.lead.id)
                let (state, version) = try writes.record(decision, lead: serial, version: item.version, session: tx)
                let coding = words?.coding(decision)
                let code = try writes.words.code(DecisionCode.encode(decision, words: coding), words: coding, of: decision, session: tx)
                try updates.add(item, serial: serial, decision: decision, code: code, state: state, version: version, session: tx)
            }
            // Everything is sent before anything is waited for: the server works through the statements
            // back to back.
            try updates.send(tx)
            try writes.flush(tx)
            try updates.flush(tx)
            return RoutedBatch(routed: queued.count, assigned: writes.assigned, flagged: writes.flagged, decisions: decisions,
                               lastEvent: try Self.latestEvent(tx), generation: generation)
        }
    }

    /// Hands `catchUp` what others wrote since `mark` (nothing is called without a mark, or when nobody
    /// else wrote), inside the write transaction: it holds the generation row's lock, so what it reads is
    /// everything committed before it and nothing can be committed after it until it ends. Returns the
    /// generation this write will leave.
    @available(*, noasync, message: "blocks its thread")
    static func catchUp(_ session: PostgresSession, since mark: RoutingMark?, _ catchUp: (OthersWrites) throws -> Void) throws -> Int64 {
        let generation = try generation(session)
        // `write` counts one more when it commits.
        guard let mark else { return generation + 1 }
        var others = OthersWrites()
        if try latestEvent(session) > mark.event {
            others.routed = try session.columns("""
                SELECT \(unescaped: LeadColumns.select) FROM leads WHERE seq IN (
                    SELECT lead FROM events WHERE seq > \(mark.event) AND (actor = 'router' AND kind IN ('assigned', 'flagged', 'decided') OR kind = 'routed'))
                ORDER BY seq
                """).map(LeadColumns.lead(from:))
        }
        if generation != mark.generation { others.ledger = try ledger(session) }
        if !others.routed.isEmpty || others.ledger != nil { try catchUp(others) }
        return generation + 1
    }

    @available(*, noasync, message: "blocks its thread")
    public func latestEvent() throws -> Int64 {
        try readOne(Self.latestEvent)
    }

    @available(*, noasync, message: "blocks its thread")
    static func latestEvent(_ session: PostgresSession) throws -> Int64 {
        try session.value("SELECT COALESCE(MAX(seq), 0)::bigint FROM events", as: Int64.self) ?? 0
    }

    /// Through `handoff_queued`, so from `leads_queued` whatever the statistics say.
    @available(*, noasync, message: "blocks its thread")
    public func queuedCount() throws -> Int {
        try readOne { Int(try $0.value("SELECT count(*) FROM handoff_queued(NULL)", as: Int64.self) ?? 0) }
    }

    @available(*, noasync, message: "blocks its thread")
    public func ledger() throws -> PoolLedger {
        try read(Self.ledger)
    }

    @available(*, noasync, message: "blocks its thread")
    static func ledger(_ session: PostgresSession) throws -> PoolLedger {
        var ledger = PoolLedger()
        for (owner, open) in try session.rows("SELECT owner, open FROM owner_load WHERE open <> 0", as: (String, Int64).self) {
            ledger.openLoad[owner] = Int(open)
        }
        for (pool, owner, assigned, excused) in try session.rows(
            "SELECT pool, owner, assigned, excused FROM pool_ledger", as: (String, String, Int64, Int64).self) {
            ledger.members[pool, default: []].insert(owner)
            if assigned != 0 { ledger.assigned[pool, default: [:]][owner] = Int(assigned) }
            if excused != 0 { ledger.excused[pool, default: [:]][owner] = Int(excused) }
        }
        for (pool, owner) in try session.rows("SELECT pool, last_owner FROM pool_turn", as: (String, String).self) {
            ledger.lastAssigned[pool] = owner
        }
        return ledger
    }

    /// Gives members new to a pool their line in the ledger (pool -> owner -> thousandths forgiven); a
    /// line already there is left alone, so running it twice, or from two processes, is harmless.
    @available(*, noasync, message: "blocks its thread")
    public func admit(_ admissions: [String: [String: Int]]) throws {
        guard !admissions.isEmpty else { return }
        try write { tx in
            var rows = PostgresRowWriter(into: "pool_ledger", columns: ["pool", "owner", "assigned", "excused"], then: "ON CONFLICT DO NOTHING")
            for (pool, owners) in admissions {
                for (owner, milli) in owners {
                    try rows.add(tx) { binds in
                        binds.append(pool)
                        binds.append(owner)
                        binds.append(Int64(0))
                        binds.append(Int64(milli))
                    }
                }
            }
            try rows.flush(tx)
        }
    }

    @available(*, noasync, message: "blocks its thread")
    public func accounts() throws -> [Account] {
        try readOne { session in
            try session.rows("SELECT domain, name, owner FROM accounts", as: (String, String, String?).self).map {
                Account(domain: $0, name: $1, owner: $2)
            }
        }
    }

    /// Leads received since `date` and routed, oldest first, read from a cursor a page at a time inside
    /// one snapshot: a million leads inside the window are never all in memory.
    @available(*, noasync, message: "blocks its thread")
    public func leads(receivedSince date: Date, each body: (Lead) throws -> Void) throws {
        try read { session in
            try session.execute("""
                DECLARE recent NO SCROLL CURSOR FOR
                SELECT \(unescaped: LeadColumns.select) FROM leads WHERE received_at >= \(date.timeIntervalSince1970) AND state <> 'received'
                ORDER BY received_at, seq
                """)
            while true {
                let page = try session.columns("FETCH \(unescaped: String(Self.leadsAPage)) FROM recent")
                for row in page { try body(try LeadColumns.lead(from: row)) }
                if page.count < Self.leadsAPage { break }
            }
        }
    }

    static let leadsAPage = 1_000
}
