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
    private(set) var chain: LogChain

    /// The log's columns, in the order `append` binds them.
    static let names = ["seq", "lead", "kind", "at", "actor", "lead_version", "rulebook", "reason", "owner", "previous_owner", "text",
                        "from_state", "to_state", "hash"]

    init(_ db: Database, at: Date) throws {
        inserts = MultiRowInsert(db, into: "events", columns: Self.names)
        single = try inserts.statement(rows: 1)
        time = at.timeIntervalSince1970
        let tail = try LogTail.read(db)
        chain = LogChain(after: LogAnchor(seq: tail.seq, hash: tail.hash))
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
    /// (`RoutedEntry.span`) and is stored under the last. `codedText` is stored in place of the text: pass
    /// it only when the store keeps the words it was coded with.
    mutating func append(_ lead: Int, kind: String, actor: String, version: Int, rulebook: String?, reason: String?, detail: EventDetail,
                         codedText: [UInt8]? = nil) throws {
        try store(chain.next(lead, kind: kind, at: time, actor: actor, version: version, rulebook: rulebook, reason: reason, detail: detail,
                             codedText: codedText))
    }

    /// Appends an entry numbered and hashed elsewhere, after the newest one here; the chain goes on from it.
    /// Its coded text is stored only when `wordsStored` (the store keeps the words it was coded with).
    mutating func append(_ chained: ChainedEntry, wordsStored: Bool = false) throws {
        precondition(chained.entry.seq > chain.tail.seq, "entries are appended in the order they were chained")
        chain = LogChain(after: LogAnchor(seq: chained.entry.seq, hash: chained.hash))
        var chained = chained
        if !wordsStored { chained.codedText = nil }
        try store(chained)
    }

    private mutating func store(_ chained: ChainedEntry) throws {
        let statement: RawStatement, base: Int32
        if let run {
            precondition(run.bound < run.rows, "more entries than the run was begun with")
            (statement, base) = (run.statement, run.bound * inserts.columns)
            self.run!.bound += 1
        } else {
            (statement, base) = (single, 0)
        }
        let entry = chained.entry
        statement.bind(base + 1, Int(entry.seq))
        statement.bind(base + 2, Int(entry.lead))
        statement.bind(base + 3, entry.kind)
        statement.bind(base + 4, entry.at)
        statement.bind(base + 5, entry.actor)
        statement.bind(base + 6, Int(entry.leadVersion))
        statement.bind(base + 7, entry.rulebook)
        statement.bind(base + 8, entry.reason)
        statement.bind(base + 9, entry.owner)
        statement.bind(base + 10, entry.previousOwner)
        if let coded = chained.codedText { statement.bind(base + 11, coded) } else { statement.bind(base + 11, entry.text) }
        statement.bind(base + 12, entry.from)
        statement.bind(base + 13, entry.to)
        statement.bind(base + 14, chained.hash)
        if run == nil { try single.run() }
    }
}

/// What routing a lead writes besides its row, stored: the entries and projection changes
/// `RoutingRecord` and `ProjectionTally` work out (the same on every engine), summed over a batch and
/// written once per owner and pool by `flush`. Queue draining and routed imports share it, so a
/// decision is recorded one way.
struct RoutingWrites {
    var events: EventWriter
    /// Whether each decision's code may be written as coded (`StoredWordsCheck`).
    var words: StoredWordsCheck
    /// The numbers the leads table keeps rulebook versions by.
    var rulebooks = RulebookNumbers()
    private(set) var tally = ProjectionTally()
    var assigned: Int { tally.assigned }
    var flagged: [ExceptionReason: Int] { tally.flagged }

    init(_ db: Database, at: Date, words: StoredWordLists) throws {
        self.words = StoredWordsCheck(lists: words)
        events = try EventWriter(db, at: at)
    }

    typealias Outcome = DecisionOutcome

    /// `coded` as the store may keep it (`StoredWordsCheck`), and whether the store keeps the words it is
    /// coded with, which the decision's entry text may then be coded with too.
    mutating func storedCode(_ coded: [UInt8], words: DecisionWords?, of decision: Decision, _ db: Database) throws -> (code: [UInt8], wordsStored: Bool) {
        let code = try self.words.code(coded, words: words, of: decision, db)
        return (code, code.first == DecisionCode.wordsFormat)
    }

    /// Logs `decision` for the lead numbered `lead`, now `received` at `version`, as one entry (`decided`, or
    /// `flagged` when it failed the readiness checks: `RoutingRecord.decided`); the lead's state and version after it.
    /// `outcome` may come worked out already (by another thread); its coded text is stored when `wordsStored`.
    mutating func record(_ decision: Decision, lead: Int, version: Int, outcome: Outcome? = nil, wordsStored: Bool = false) throws -> (state: LeadState, version: Int) {
        let outcome = outcome ?? Outcome(decision)
        let (entry, state, after) = try RoutingRecord.decided(decision, outcome: outcome, version: version)
        try events.append(lead, kind: entry.kind, actor: "router", version: entry.version, rulebook: decision.rulebookVersion,
                          reason: entry.reason, detail: entry.detail, codedText: wordsStored ? outcome.codedText : nil)
        tally.add(decision, state: state)
        return (state, after)
    }

    /// Logs a decided lead whose entry was chained already (`DecidedLead.chain`).
    mutating func record(chained entry: ChainedEntry, decision: Decision, state: LeadState, wordsStored: Bool) throws {
        try events.append(entry, wordsStored: wordsStored)
        tally.add(decision, state: state)
    }

    /// Logs `decision` for the lead numbered `lead`, taken in by `actor` in this same transaction, as
    /// one `routed` entry (`RoutedEntry`) standing for its `received`, `checked` and outcome entries; the
    /// lead's state and version after it. Every writer that takes a lead in and decides it at once goes
    /// through here, so the entry has one shape whoever calls it.
    /// `outcome`'s coded text is stored when `wordsStored` (the store keeps the words it was coded with).
    mutating func recordRouted(_ decision: Decision, lead: Int, actor: String, outcome: Outcome? = nil,
                               wordsStored: Bool = false) throws -> (state: LeadState, version: Int) {
        let outcome = outcome ?? Outcome(decision)
        let (entry, state, version) = try RoutingRecord.routed(decision, outcome: outcome)
        try events.append(lead, kind: entry.kind, actor: actor, version: entry.version, rulebook: decision.rulebookVersion,
                          reason: entry.reason, detail: entry.detail, codedText: wordsStored ? outcome.codedText : nil)
        tally.add(decision, state: state)
        return (state, version)
    }


    /// Writes the summed projection deltas: open load per owner, the pools' ledgers and turns.
    func flush(_ db: Database) throws {
        for (owner, n) in tally.loads {
            try db.execute(sql: "INSERT INTO owner_load (owner, open) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET open = open + excluded.open", arguments: [owner, n])
        }
        for (pool, owners) in tally.given {
            for (owner, n) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned) VALUES (?, ?, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET assigned = assigned + excluded.assigned
                    """, arguments: [pool, owner, n])
            }
        }
        for (pool, owners) in tally.excused {
            for (owner, milli) in owners {
                try db.execute(sql: """
                    INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES (?, ?, 0, ?)
                    ON CONFLICT(pool, owner) DO UPDATE SET excused = excused + excluded.excused
                    """, arguments: [pool, owner, milli])
            }
        }
        for (pool, owner) in tally.lastOwner {
            try db.execute(sql: "INSERT INTO pool_turn (pool, last_owner) VALUES (?, ?) ON CONFLICT(pool) DO UPDATE SET last_owner = excluded.last_owner", arguments: [pool, owner])
        }
    }
}
