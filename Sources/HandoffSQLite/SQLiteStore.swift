import CSQLiteSetup
import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The embedded store: one SQLite file in WAL mode through GRDB.
public final class SQLiteStore: LeadStore {
    let database: DatabasePool
    public let path: String
    /// Where a damage note for this database goes (`StoreDamage`).
    private let damageNote: String
    /// The words format-2 decisions were coded with, by rulebook version.
    let storedWords = StoredWordLists()

    /// Opens (creating and migrating when needed) the database at `path`; with `readOnly`, opens an
    /// existing one so that no statement can write to it (SQLite refuses), and migrates nothing.
    /// Throws `StoreRefusal` for a file that is not a Handoff database this Handoff can use (empty, another
    /// application's, made by a newer Handoff, damaged) before anything is written to it. Long migrations
    /// tell `migrationProgress` how far they are.
    public init(path: String, readOnly: Bool = false, migrationProgress: MigrationProgress? = nil) throws {
        _ = Self.sqliteSetUp
        let inspection = try StoreIdentity.inspect(path: path)
        let name = StoreLocation.name(for: path, readOnly: readOnly)
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.readonly = readOnly
        if !readOnly {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A new workspace's pages are 16 KiB, not SQLite's 4: a bulk import writes every page to the WAL,
                // sums it and copies it into the database at commit, and a quarter as many pages made a routed
                // import of 200k leads 13% faster (8 KiB: 7%). SQLite sets the size only for a file with nothing
                // in it yet: a workspace keeps the size it was made with.
                try db.execute(sql: "PRAGMA page_size = \(SQLiteStore.pageSize)")
                // SQLite checkpoints inside the commit that takes the WAL past 1,000 pages, whatever their size:
                // with 16 KiB pages that commit copied and synced four times as much, and live intake's p99 went
                // from 3 to 9 ms. Counted in bytes instead (4 MiB, SQLite's default at 4 KiB), it stays at 3 ms.
                try SQLiteStore.checkpoint(db, past: SQLiteStore.checkpointBytes)
            }
        }
        self.path = path
        damageNote = StoreDamage.notePath(for: path)
        do {
            database = try DatabasePool(path: name, configuration: config)
            if readOnly {
                guard try read(Schema.migrator.hasCompletedMigrations) else { throw StoreOutdated(path: path) }
            } else {
                if let known = StoreDamage.known(at: path) {
                    // Neither migrated nor marked: both write. Reading commands still work when it is current.
                    guard try read(Schema.migrator.hasCompletedMigrations) else { throw StoreRefusal.damaged(finding: known) }
                } else {
                    try Schema.migrator(progress: migrationProgress).migrate(database)
                    if inspection?.marked != true { try database.writeWithoutTransaction(StoreIdentity.mark) }
                }
            }
        } catch let error as DatabaseError where StoreDamage.isDamage(error) {
            let finding = StoreDamage.finding(error, while: "opening it")
            StoreDamage.note(finding, at: path)
            throw StoreRefusal.damaged(finding: finding)
        }
    }

    /// The page size of a new workspace's file, in bytes.
    static let pageSize = 16_384
    /// How much the WAL may hold before a commit checkpoints it (`PRAGMA wal_autocheckpoint`, in bytes).
    static let checkpointBytes = 4 * 1_024 * 1_024

    /// Sets the connection's checkpoint threshold to `bytes` of WAL (SQLite counts it in pages); the
    /// database's page size.
    @discardableResult
    static func checkpoint(_ db: Database, past bytes: Int) throws -> Int {
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4_096
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(1, bytes / max(512, pageSize)))")
        return pageSize
    }

    /// Damage met earlier and not yet cleared by `handoff doctor`, in the words it was noted in.
    public var knownDamage: String? { StoreDamage.known(at: path) }

    /// Multi-thread mode, once per process before the first connection: GRDB already uses each
    /// connection from one thread at a time, so SQLite's own per-call mutex (serialized mode, the
    /// system library's default) only cost the bulk paths time. False if SQLite was set up already.
    static let sqliteSetUp = handoff_sqlite_setup() == 1

    /// A write transaction that takes the write lock up front, so two processes never both read the
    /// same queue and then race to write it.
    /// A database known to be damaged is not written to: the write is refused before it begins (the note
    /// is looked for before every write, so one left by another process counts at once). Damage met
    /// during the write rolls it back and is noted, so the next one is refused too.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if StoreDamage.isNoted(damageNote), let known = StoreDamage.known(at: path) { throw StoreRefusal.damaged(finding: known) }
        return try noticingDamage("writing to it") {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    // Prepared once per connection: compiling them was a share of every small write.
                    try db.cachedStatement(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'").execute()
                    try db.cachedStatement(sql: LogTail.recordHeadSQL).execute()
                    return .commit
                }
                return result!
            }
        }
    }

    /// A read that notes damage it meets, so writes stop from then on and the reader's message names it.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try noticingDamage("reading it") { try database.read(body) }
    }

    func noticingDamage<T>(_ doing: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where StoreDamage.isDamage(error) {
            let finding = StoreDamage.finding(error, while: doing)
            StoreDamage.note(finding, at: path)
            throw StoreRefusal.damaged(finding: finding)
        }
    }

    public func generation() throws -> Int64 {
        try read(Self.generation)
    }


    static let recordColumns = "state, owner, reason, route, pool, version, decision, \(RulebookNumbers.versionSQL) AS rulebook, updated_at, "
        + LeadColumns.select

    func record(from row: Row, _ db: Database) -> LeadRecord {
        let lead = LeadColumns.lead(from: row, offset: 9)
        let decision = StoredDecision.readOrProblem(row["decision"], leadId: lead.id, rulebook: row["rulebook"],
                                                    words: { self.storedWords.words($0, db) })
        return LeadRecord(
            lead: lead,
            state: LeadState(rawValue: row["state"]) ?? .received,
            owner: row["owner"],
            reason: (row["reason"] as String?).flatMap(ExceptionReason.init(rawValue:)),
            route: row["route"],
            pool: row["pool"],
            version: row["version"],
            decision: decision.decision, decisionProblem: decision.problem,
            updatedAt: Date(timeIntervalSince1970: row["updated_at"])
        )
    }

    public func lead(_ id: String) throws -> LeadRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.recordColumns) FROM leads WHERE seq = ?", arguments: [LeadId.key(id)]).map { self.record(from: $0, db) }
        }
    }

    public func leads(_ filter: LeadFilter) throws -> [LeadRecord] {
        let (clauses, arguments) = Self.conditions(filter)
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT \(Self.recordColumns) FROM leads \(whereClause) ORDER BY seq DESC LIMIT \(max(filter.limit, 0))"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { self.record(from: $0, db) }
        }
    }

    /// The SQL conditions a filter puts on the leads table, with their arguments.
    static func conditions(_ filter: LeadFilter) -> (clauses: [String], arguments: [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let state = filter.state { clauses.append("state = ?"); arguments.append(state.rawValue) }
        if let owner = filter.owner { clauses.append("owner = ?"); arguments.append(owner) }
        if let reason = filter.reason { clauses.append("reason = ?"); arguments.append(reason.rawValue) }
        if let search = filter.search, !search.isEmpty {
            let escape = LikePattern.clause
            // A lead's id is its number (`LeadId`), which no other text names.
            clauses.append("(seq = ? OR email LIKE ? \(escape) OR company LIKE ? \(escape) OR last_name LIKE ? \(escape) OR external_id = ?)")
            let like = LikePattern.containing(search)
            arguments += [LeadId.key(search), like, like, like, search]
        }
        return (clauses, arguments)
    }

    public func events(lead: String?, after seq: Int64, limit: Int) throws -> [LeadEvent] {
        try read { db in
            // A `routed` entry stands for entries numbered up to two before its own: read that far past
            // `seq`, expand, then keep what lies after it. Reading `limit` stored entries gives at least
            // `limit` expanded ones when there are that many.
            let rows = if let lead {
                try Row.fetchAll(db, sql: "\(Self.entrySelect) WHERE e.lead = ? AND e.seq > ? ORDER BY e.seq LIMIT ?", arguments: [LeadId.key(lead), seq, limit])
            } else {
                try Row.fetchAll(db, sql: "\(Self.entrySelect) WHERE e.seq > ? ORDER BY e.seq LIMIT ?", arguments: [seq, limit])
            }
            let text = LogText(db: db, lists: storedWords)
            return Array(rows.flatMap { Self.events(from: $0, text: text) }.drop { $0.seq <= seq }.prefix(max(limit, 0)))
        }
    }

    /// Stored log entries with what expanding them needs (`events(from:)`); continue with WHERE on `e`.
    static let entrySelect = "SELECT e.*, \(RoutedEntry.sourceColumn) AS lead_source FROM events e"

    /// The entries a stored one stands for (one, or a `routed` entry's two or three), from a row of `entrySelect`.
    static func events(from row: Row, text: LogText) -> [LeadEvent] {
        let kind: String = row["kind"]
        let rulebook: String? = row["rulebook"]
        let entryText = text.text(row["text"], rulebook: rulebook)
        let to = (row["to_state"] as String?).flatMap(LeadState.init(rawValue:))
        if RoutedEntry.isCombined(kind) {
            return RoutedEntry.expand(
                kind: kind, seq: row["seq"], lead: LeadId.make(row["lead"]), at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                leadVersion: row["lead_version"], rulebook: rulebook, reason: row["reason"], owner: row["owner"], text: entryText,
                to: to, source: row["lead_source"])
        }
        return [LeadEvent(
            seq: row["seq"], leadId: LeadId.make(row["lead"]), kind: EventKind(rawValue: kind) ?? .annotated,
            at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], leadVersion: row["lead_version"],
            rulebookVersion: rulebook, reason: row["reason"],
            detail: EventDetail(
                owner: row["owner"], previousOwner: row["previous_owner"], text: entryText,
                from: (row["from_state"] as String?).flatMap(LeadState.init(rawValue:)), to: to
            )
        )]
    }

    public func ledger() throws -> PoolLedger {
        try read(Self.ledger)
    }

    static func ledger(_ db: Database) throws -> PoolLedger {
        var ledger = PoolLedger()
        for row in try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load WHERE open <> 0") {
            ledger.openLoad[row["owner"]] = row["open"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT pool, owner, assigned, excused FROM pool_ledger") {
            ledger.members[row["pool"], default: []].insert(row["owner"])
            if (row["assigned"] as Int) != 0 { ledger.assigned[row["pool"], default: [:]][row["owner"]] = row["assigned"] }
            if (row["excused"] as Int) != 0 { ledger.excused[row["pool"], default: [:]][row["owner"]] = row["excused"] }
        }
        for row in try Row.fetchAll(db, sql: "SELECT pool, last_owner FROM pool_turn") {
            ledger.lastAssigned[row["pool"]] = row["last_owner"]
        }
        return ledger
    }

    /// Gives members new to a pool their line in the ledger (pool -> owner -> thousandths forgiven);
    /// a line already there is left alone, so running it twice, or from two processes, is harmless.
    public func admit(_ admissions: [String: [String: Int]]) throws {
        guard !admissions.isEmpty else { return }
        try write { db in
            for (pool, owners) in admissions {
                for (owner, milli) in owners {
                    try db.execute(sql: "INSERT OR IGNORE INTO pool_ledger (pool, owner, assigned, excused) VALUES (?, ?, 0, ?)",
                                   arguments: [pool, owner, milli])
                }
            }
        }
    }

    public func accounts() throws -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT domain, name, owner FROM accounts").map { Account(domain: $0["domain"], name: $0["name"], owner: $0["owner"]) }
        }
    }

    public func leads(receivedSince date: Date, each body: (Lead) throws -> Void) throws {
        try read { db in
            // A cursor, not an array: a million leads inside the window would otherwise all be in memory at once.
            let rows = try Row.fetchCursor(db, sql: "SELECT \(LeadColumns.select) FROM leads WHERE received_at >= ? AND state <> 'received' ORDER BY received_at", arguments: [date.timeIntervalSince1970])
            while let row = try rows.next() { try body(LeadColumns.lead(from: row)) }
        }
    }

    public func quarantined(limit: Int) throws -> [QuarantinedRecord] {
        try read { db in
            // The raw line, header and reason as bytes: read as text, SQLite's text would end at a NUL they hold.
            try Row.fetchAll(db, sql: """
                SELECT *, CAST(raw AS BLOB) AS raw_bytes, CAST(field AS BLOB) AS field_bytes, CAST(reason AS BLOB) AS reason_bytes
                FROM quarantine ORDER BY seq LIMIT ?
                """, arguments: [limit]).map { row in
                func text(_ column: String) -> String? { (row[column] as Data?).map { String(decoding: $0, as: UTF8.self) } }
                return QuarantinedRecord(file: row["file"], line: row["line"], column: row["column"], field: text("field_bytes"),
                                         reason: text("reason_bytes") ?? "", raw: text("raw_bytes") ?? "")
            }
        }
    }

    public func counts() throws -> StoreCounts {
        try read { db in
            var byState: [LeadState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM leads GROUP BY state") {
                if let state = LeadState(rawValue: row["state"]) { byState[state] = row["n"] }
            }
            var byReason: [ExceptionReason: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reason, count(*) AS n FROM leads WHERE state = 'flagged' GROUP BY reason") {
                if let reason = (row["reason"] as String?).flatMap(ExceptionReason.init(rawValue:)) { byReason[reason] = row["n"] }
            }
            let quarantined = try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0
            // Numbered without gaps, a `routed` entry taking the numbers of the entries it stands for, so
            // the newest number is the count; read from the head every write records, so counting
            // touches none of the log's own pages.
            let events = Int(try LogTail.recordedHead(db)?.seq ?? 0)
            return StoreCounts(byState: byState, flaggedByReason: byReason, quarantined: quarantined, events: events)
        }
    }
}
