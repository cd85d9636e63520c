import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// Appends entries to the handoff log, bound with SQLite's C API (a routed lead writes two or three):
/// one at a time, or a run of entries counted in advance (`begin`, `end`) as one `MultiRowInsert`.
/// Each entry is numbered and hashed here, chained to the one before (`LogEntryHash`), so the writer
/// must be the only one appending in its transaction: it reads the log's tail once, when made.
struct EventWriter {
    private var inserts: MultiRowInsert
    private let single: RawStatement
    /// The statement of the run begun, with the entries bound so far and how many it takes.
    private var run: (statement: RawStatement, bound: Int32, rows: Int32)?
    let time: Double
    /// The newest entry so far, the one the next is chained to.
    private var tail: LogTail
    private var buffer: [UInt8] = []

    /// The log's columns, in the order `append` binds them.
    static let names = ["seq", "lead", "kind", "at", "actor", "lead_version", "rulebook", "reason", "owner", "previous_owner", "text",
                        "from_state", "to_state", "hash"]

    init(_ db: Database, at: Date) throws {
        inserts = MultiRowInsert(db, into: "events", columns: Self.names)
        single = try inserts.statement(rows: 1)
        time = at.timeIntervalSince1970
        tail = try LogTail.read(db)
        buffer.reserveCapacity(256)
    }

    /// Starts a run of exactly `rows` entries, written together by `end`.
    mutating func begin(rows: Int) throws {
        precondition(run == nil, "one run at a time")
        run = (try inserts.statement(rows: rows), 0, Int32(rows))
    }

    /// Writes the run's entries.
    mutating func end() throws {
        guard let run = run.take() else { return }
        precondition(run.bound == run.rows, "a run writes the entries it was begun with")
        try run.statement.run()
    }

    /// Appends an entry for the lead numbered `lead` (`leads.seq`).
    mutating func append(_ lead: Int, _ kind: EventKind, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail) throws {
        try append(lead, kind: kind.rawValue, actor: actor, version: version, rulebook: rulebook, reason: reason, detail: detail)
    }

    /// Appends an entry of a stored kind; a `routed` one takes as many numbers as entries it stands for
    /// (`RoutedEntry.span`) and is stored under the last.
    mutating func append(_ lead: Int, kind: String, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail) throws {
        let statement: RawStatement, base: Int32
        if let run {
            precondition(run.bound < run.rows, "more entries than the run was begun with")
            (statement, base) = (run.statement, run.bound * inserts.columns)
            self.run!.bound += 1
        } else {
            (statement, base) = (single, 0)
        }
        let entry = LogEntryHash.Entry(
            seq: tail.seq + RoutedEntry.span(kind: kind, leadVersion: Int64(version)), lead: Int64(lead), kind: kind, at: time, actor: actor, leadVersion: Int64(version),
            rulebook: rulebook, reason: reason, owner: detail.owner, previousOwner: detail.previousOwner, text: detail.text,
            from: detail.from?.rawValue, to: detail.to?.rawValue)
        tail = LogTail(seq: entry.seq, hash: LogEntryHash.hash(entry, after: tail.hash, buffer: &buffer))
        statement.bind(base + 1, Int(entry.seq))
        statement.bind(base + 2, lead)
        statement.bind(base + 3, entry.kind)
        statement.bind(base + 4, time)
        statement.bind(base + 5, actor)
        statement.bind(base + 6, version)
        statement.bind(base + 7, rulebook)
        statement.bind(base + 8, reason)
        statement.bind(base + 9, entry.owner)
        statement.bind(base + 10, entry.previousOwner)
        statement.bind(base + 11, entry.text)
        statement.bind(base + 12, entry.from)
        statement.bind(base + 13, entry.to)
        statement.bind(base + 14, tail.hash)
        if run == nil { try single.run() }
    }
}

/// What routing a lead writes besides its row: the router's events (checked, then assigned or flagged)
/// and the projection deltas they imply, summed over a batch and written once per owner and pool by
/// `flush`. Queue draining and routed imports share it, so a decision is recorded one way.
struct RoutingWrites {
    var events: EventWriter
    private(set) var assigned = 0
    private(set) var flagged: [ExceptionReason: Int] = [:]
    private var loads: [String: Int] = [:]
    private var given: [String: [String: Int]] = [:]
    private var excused: [String: [String: Int]] = [:]
    private var lastOwner: [String: String] = [:]

    init(_ db: Database, at: Date) throws {
        events = try EventWriter(db, at: at)
    }

    typealias Outcome = DecisionOutcome

    /// Logs `decision` for the lead numbered `lead`, now `received` at `version`; the lead's state and version after it.
    /// `outcome` may come worked out already (by another thread).
    mutating func record(_ decision: Decision, lead: Int, version: Int, outcome: Outcome? = nil) throws -> (state: LeadState, version: Int) {
        let outcome = outcome ?? Outcome(decision)
        var version = version
        var state = LeadState.received
        func event(_ action: LeadAction, reason: String?, detail: EventDetail) throws {
            let next = try Lifecycle.next(state, action)
            version += 1
            var detail = detail
            detail.from = state
            detail.to = next
            state = next
            try events.append(lead, action.event, actor: "router", version: version, rulebook: decision.rulebookVersion, reason: reason, detail: detail)
        }
        let steps = Self.steps(decision)
        if steps.checked { try event(.check, reason: nil, detail: EventDetail()) }
        if steps.last == .assign, let owner = decision.owner {
            try event(.assign, reason: outcome.reason, detail: EventDetail(owner: owner))
        } else {
            try event(.flag, reason: outcome.reason, detail: EventDetail(owner: decision.owner, text: outcome.text))
        }
        tally(decision, state: state)
        return (state, version)
    }

    /// Logs `decision` for the lead numbered `lead`, taken in by `actor` in this same transaction, as
    /// one `routed` entry (`RoutedEntry`) standing for its `received`, `checked` and outcome entries; the
    /// lead's state and version after it. Every writer that takes a lead in and decides it at once goes
    /// through here, so the entry has one shape whoever calls it.
    mutating func recordRouted(_ decision: Decision, lead: Int, actor: String, outcome: Outcome? = nil) throws -> (state: LeadState, version: Int) {
        let outcome = outcome ?? Outcome(decision)
        let (checked, state, version) = RoutedEntry.outcome(decision)
        // The same transitions the three entries would make, so an illegal one fails the same way.
        var walked = try Lifecycle.next(.received, checked ? .check : (state == .assigned ? .assign : .flag))
        if checked { walked = try Lifecycle.next(walked, state == .assigned ? .assign : .flag) }
        precondition(walked == state, "a routed entry ends where its steps do")
        let detail = state == .assigned ? EventDetail(owner: decision.owner, to: state) : EventDetail(owner: decision.owner, text: outcome.text, to: state)
        try events.append(lead, kind: RoutedEntry.kind, actor: actor, version: version, rulebook: decision.rulebookVersion, reason: outcome.reason, detail: detail)
        tally(decision, state: state)
        return (state, version)
    }

    /// Sums what a decision changes in the projections.
    private mutating func tally(_ decision: Decision, state: LeadState) {
        if state == .assigned, let owner = decision.owner {
            loads[owner, default: 0] += 1
            if let pool = decision.pool {
                given[pool, default: [:]][owner, default: 0] += 1
                lastOwner[pool] = owner
                for excuse in decision.excused { excused[pool, default: [:]][excuse.owner, default: 0] += excuse.milli }
            }
            assigned += 1
        } else {
            flagged[decision.reason ?? .noRoute, default: 0] += 1
        }
    }

    /// How many entries `record` writes for a decision (one or two).
    static func entries(_ decision: Decision) -> Int { steps(decision).checked ? 2 : 1 }

    /// The router's steps for a decision: checked (unless readiness failed), then assigned or flagged.
    private static func steps(_ decision: Decision) -> (checked: Bool, last: LeadAction) {
        (!failedReadiness(decision), decision.isAssigned && decision.owner != nil ? .assign : .flag)
    }

    /// Whether the decision stopped at the readiness checks, so the lead was never `ready`.
    static func failedReadiness(_ decision: Decision) -> Bool {
        decision.exceptions.first.map { readinessReasons.contains($0.reason) } ?? false
    }

    /// Writes the summed projection deltas: open load per owner, the pools' ledgers and turns.
    func flush(_ db: Database) throws {
        for (owner, n) in loads {
            try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET open = open + excluded.open", arguments: [owner, n])
        }
        for (pool, owners) in given {
            for (owner, n) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET assigned = assigned + excluded.assigned
                    """, arguments: [pool, owner, n])
            }
        }
        for (pool, owners) in excused {
            for (owner, milli) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES (?, ?, 0, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET excused = excused + excluded.excused
                    """, arguments: [pool, owner, milli])
            }
        }
        for (pool, owner) in lastOwner {
            try db.execute(sql: "INSERT INTO pool_turn (pool, last_owner) VALUES (?, ?) ON CONFLICT(pool) DO UPDATE SET last_owner = excluded.last_owner", arguments: [pool, owner])
        }
    }

    /// Reasons found before routing: such a lead never became `ready`.
    static let readinessReasons: Set<ExceptionReason> = [.missingField, .invalidEmail, .freeEmail]
}
