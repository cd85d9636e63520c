import Foundation
import GRDB
import HandoffCore
import HandoffDemo
import HandoffDesk
@testable import HandoffPostgres
@testable import HandoffSQLite
import HandoffStore
import NIOCore
import PostgresNIO

/// One workspace on both engines: built on SQLite through the desk (leads taken in and routed at once as
/// `routed` entries, leads routed from the queue, leads left received), then copied row for row into a
/// fresh PostgreSQL database, log hashes and recorded head included. Both then answer the same reads and
/// take the same commands, so the PostgreSQL engine can be checked against the SQLite one.
struct EngineTwins: Sendable {
    let sqlite: SQLiteStore
    let postgres: PostgresStore
    let location: PostgresLocation

    static let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
    /// Tuesday 2026-11-24 14:30 UTC: Berlin, São Paulo and New York are all at work.
    static let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!
    /// The tables that hold the log and its projections.
    static let tables = ["leads", "events", "owner_load", "pool_ledger", "pool_turn", "decision_words"]

    /// Companies whose names hold the characters a search must take as written.
    static let oddCompanies = ["100% Pure Ltd", "A_B Trading", "AxB Trading", "Tilde\\Works"]

    static func make() async throws -> EngineTwins {
        let location = try await TestServer.freshDatabase()
        return try await onThread {
            let sqlite = try build()
            let postgres = try PostgresStore(location: location, creating: true)
            try copy(from: sqlite, to: postgres)
            return EngineTwins(sqlite: sqlite, postgres: postgres, location: location)
        }
    }

    /// Runs `body` on fresh twins and drops them afterwards, whether it throws or not: a store left open
    /// at the end would leave its connections unclosed.
    static func run(_ body: (EngineTwins) async throws -> Void) async throws {
        let twins = try await make()
        do {
            try await body(twins)
        } catch {
            try await twins.drop()
            throw error
        }
        try await twins.drop()
    }

    func drop() async throws {
        try await onThread { postgres.close() }
        try await TestServer.drop(location)
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: sqlite.path).deletingLastPathComponent().path)
    }

    /// Runs `body` on each engine in turn (SQLite first) and returns both answers.
    func both<T: Sendable>(_ body: @escaping @Sendable (any TwinEngine) throws -> T) async throws -> (sqlite: T, postgres: T) {
        try await onThread { (try body(sqlite), try body(postgres)) }
    }

    static func leads(_ count: Int, seed: UInt64) -> [IncomingLead] {
        var stream = LeadStream(seed: seed, accounts: [], start: tuesday.addingTimeInterval(-3_600), spacing: 2)
        return (0..<count).map { _ in
            let lead = stream.next()
            // Keys of their own per seed: two streams may give the same external ids.
            return IncomingLead(lead: lead, idempotencyKey: "\(seed)-\(lead.externalId ?? lead.id)")
        }
    }

    static func build() throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-twins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
        let desk = try Desk(store: store, rulebook: rulebook, clock: { tuesday })
        // Taken in and routed at once: `routed` entries.
        _ = try desk.importRouting(actor: "import", batchSize: 5) { feed in
            for lead in leads(12, seed: 9) { try feed.add(lead) }
        }
        // Queued, then routed: received, checked and assigned or flagged entries.
        _ = try store.insert(leads(20, seed: 5), quarantine: [], at: tuesday, actor: "import")
        _ = try desk.drain(batchSize: 7)
        // Left received, with names a search must match as written.
        let odd = oddCompanies.enumerated().map { i, company in
            IncomingLead(lead: Lead(id: "", externalId: "odd-\(i)", receivedAt: tuesday, email: "jo\(i)@Odd-Example.com", firstName: "Jo",
                                    lastName: i == 0 ? "McKenzie" : "Weber", company: company, country: "DE", employees: "40"),
                         idempotencyKey: "odd-\(i)")
        }
        _ = try store.insert(odd, quarantine: [], at: tuesday.addingTimeInterval(60), actor: "import")
        return store
    }

    /// Copies the log and its projections, and the head the last write recorded, as they are stored.
    @available(*, noasync)
    static func copy(from sqlite: SQLiteStore, to postgres: PostgresStore) throws {
        try postgres.pool.with { session in
            try session.transaction { tx in
                for table in tables {
                    // A flagged entry's text as read: SQLite keeps it coded with its rulebook's words, PostgreSQL as text.
                    let (columns, rows) = try sqlite.database.read { db -> ([String], [[DatabaseValue]]) in
                        // SQLite keeps a lead's rulebook version by number (`RulebookNumbers`), PostgreSQL as text.
                        let sql = table == "leads" ? "SELECT *, \(LeadId.sql("seq")) AS id, \(RulebookNumbers.versionSQL) AS rulebook FROM leads" : "SELECT * FROM \(table)"
                        let rows = try Row.fetchAll(db, sql: sql)
                        let all = rows.first.map { Array($0.columnNames) } ?? []
                        let kept = all.indices.filter { all[$0] != "rulebook_n" }
                        let columns = kept.map { all[$0] }
                        let text = LogText(db: db, lists: sqlite.storedWords)
                        return (columns, rows.map { row in
                            let values = Array(row.databaseValues)
                            return zip(columns, kept.map { values[$0] }).map { column, value in
                                // A key SQLite makes from the external id (`LeadColumns.key`) is stored on PostgreSQL.
                                if table == "leads", column == "idem_key", value.isNull, let external: String = row["external_id"] {
                                    return ("id:" + external).databaseValue
                                }
                                guard table == "events", column == "text", case .blob = value.storage else { return value }
                                return text.text(value, rulebook: row["rulebook"])?.databaseValue ?? .null
                            }
                        })
                    }
                    guard !rows.isEmpty else { continue }
                    for chunk in stride(from: 0, to: rows.count, by: 500) {
                        let part = rows[chunk..<min(chunk + 500, rows.count)]
                        var binds = PostgresBindings()
                        for row in part {
                            for value in row {
                                switch value.storage {
                                case .null: binds.appendNull()
                                case .int64(let n): binds.append(n)
                                case .double(let d): binds.append(d)
                                case .string(let s): binds.append(s)
                                case .blob(let data): binds.append(ByteBuffer(bytes: data))
                                }
                            }
                        }
                        let sql = "INSERT INTO \(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
                            + PostgresRows.placeholders(rows: part.count, width: columns.count)
                        try tx.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
                    }
                }
                let head = try sqlite.database.read { try LogTail.recordedHead($0) }
                if let head {
                    try tx.execute("INSERT INTO meta (key, value) VALUES ('log_head', \(head.description))")
                }
            }
        }
    }

    /// SQL run on PostgreSQL as its superuser would, past the log's append-only trigger.
    @available(*, noasync)
    func tamperPostgres(_ statements: [String]) throws {
        try postgres.pool.with { s in
            try s.execute(sql: "ALTER TABLE events DISABLE TRIGGER events_never_change")
            for sql in statements { try s.execute(sql: sql) }
            try s.execute(sql: "ALTER TABLE events ENABLE TRIGGER events_never_change")
        }
    }

    /// SQL run on the SQLite file as someone with sqlite3 would, past the log's append-only triggers.
    @available(*, noasync)
    func tamperSQLite(_ sql: String) throws {
        try sqlite.database.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_never_change; DROP TRIGGER IF EXISTS events_never_vanish;")
            try db.execute(sql: sql)
        }
    }

    /// SQL on both engines (the same text where both read it alike).
    @available(*, noasync)
    func changeBoth(_ sql: String) throws {
        try sqlite.database.write { try $0.execute(sql: sql) }
        try postgres.pool.with { _ = try $0.execute(sql: sql) }
    }
}

/// What the tests ask of either engine: the capabilities this part ports.
protocol TwinEngine: LeadCommands, NoticeOutbox, OperatorSettings, LogAuditing {
    func lead(_ id: String) throws -> LeadRecord?
    func leads(_ filter: LeadFilter) throws -> [LeadRecord]
    func events(lead: String?, after seq: Int64, limit: Int) throws -> [LeadEvent]
    func counts() throws -> StoreCounts
    func doctor() throws -> DoctorReport
}

extension SQLiteStore: TwinEngine {}
extension PostgresStore: TwinEngine {}
