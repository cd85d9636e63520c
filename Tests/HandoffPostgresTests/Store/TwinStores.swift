import Foundation
import GRDB
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffPostgres
@testable import HandoffSQLite
import HandoffStore
import NIOCore
import PostgresNIO
import Synchronization

/// The same store contents on both engines, to read back and compare: written on SQLite through the desk
/// (imports routed in one step, leads queued then drained, owners' and operators' commands, the SLA timer,
/// a quarantined record), then copied row for row, with SQL, into a fresh PostgreSQL database.
final class TwinStores: Sendable {
    let sqlite: SQLiteStore
    let postgres: PostgresStore
    let location: PostgresLocation
    let folder: URL

    static let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: "rulebook.yaml").rulebook!
    /// Tuesday 2026-11-24 14:30 UTC: Berlin, São Paulo and New York are all at work.
    static let tuesday = ISO8601DateFormatter().date(from: "2026-11-24T14:30:00Z")!

    /// Empty stores on both engines. Call from a thread of its own (`onThread`).
    init(location: PostgresLocation) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-twin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        sqlite = try SQLiteStore(path: folder.appendingPathComponent("handoff.db").path)
        postgres = try PostgresStore(location: location, creating: true)
        self.location = location
    }

    func close() {
        postgres.close()
        try? FileManager.default.removeItem(at: folder)
    }

    static func stream(_ count: Int, seed: UInt64, from start: Date, spacing: Double = 2, firstSerial: Int = 0) -> [IncomingLead] {
        var stream = LeadStream(seed: seed, accounts: [], start: start, spacing: spacing, firstSerial: firstSerial)
        return (0..<count).map { _ in
            let lead = stream.next()
            return IncomingLead(lead: lead, idempotencyKey: lead.externalId ?? lead.id)
        }
    }

    /// A workspace's morning: 60 leads imported and routed in one step, 40 queued and drained, owners
    /// accepting, an operator approving, reassigning, disqualifying and annotating, the SLA timer acting an
    /// hour later, then 5 leads not routed yet, a record quarantined and 3 leads received two hours before the
    /// rest, imported last. The clock moves a minute a step.
    func fillWithAMorning() throws {
        let clock = TestClock(Self.tuesday)
        let desk = try Desk(store: sqlite, rulebook: Self.rulebook, clock: { clock.now })
        func advance(_ seconds: Double) { clock.advance(seconds) }
        _ = try desk.importRouting(actor: "import", batchSize: 16) { feed in
            for lead in Self.stream(60, seed: 3, from: Self.tuesday.addingTimeInterval(-3_600)) { try feed.add(lead) }
        }
        advance(60)
        _ = try sqlite.insert(Self.stream(40, seed: 5, from: Self.tuesday, firstSerial: 1_000), quarantine: [], at: clock.now, actor: "import")
        advance(60)
        _ = try desk.drain(batchSize: 7)
        let assigned = try sqlite.leads(LeadFilter(state: .assigned, limit: 1_000)).sorted { $0.lead.id < $1.lead.id }
        let flagged = try sqlite.leads(LeadFilter(state: .flagged, limit: 1_000)).sorted { $0.lead.id < $1.lead.id }
        let owners = Set(assigned.compactMap(\.owner)).sorted()
        precondition(assigned.count >= 12 && owners.count >= 2, "the morning needs assigned and flagged leads")
        for record in assigned.prefix(6) {
            advance(60)
            _ = try desk.perform(.accept, on: record.lead.id, actor: "owner:\(record.owner ?? "")")
        }
        for record in assigned[6..<9] {
            advance(60)
            let other = owners.first { $0 != record.owner }!
            _ = try desk.perform(.reassign(to: other, reason: "knows the account"), on: record.lead.id, actor: "olga")
        }
        advance(60)
        _ = try desk.perform(.accept, on: assigned[6].lead.id, actor: "owner:\(owners.first { $0 != assigned[6].owner }!)")
        // Only a lead the router proposed an owner for can be approved.
        let proposed = flagged.filter { $0.owner != nil }, unproposed = flagged.filter { $0.owner == nil }
        precondition(!proposed.isEmpty && unproposed.count >= 2, "the morning needs flagged leads with and without a proposal")
        for record in proposed.prefix(2) {
            advance(60)
            _ = try desk.perform(.approve, on: record.lead.id, actor: "olga")
        }
        advance(60)
        _ = try desk.perform(.disqualify(reason: "spam"), on: unproposed[0].lead.id, actor: "olga")
        advance(60)
        _ = try desk.perform(.annotate("called, no answer: 100% sure_later"), on: unproposed[1].lead.id, actor: "olga")
        advance(3_600)
        try desk.sweep()
        advance(60)
        _ = try sqlite.insert(Self.stream(5, seed: 7, from: Self.tuesday.addingTimeInterval(7_200), firstSerial: 2_000), quarantine: [
            QuarantinedRecord(file: "leads.csv", line: 7, column: 3, field: "email", reason: "not an email address", raw: "x,y,not-an-email"),
        ], at: clock.now, actor: "import")
        // An old export imported late: received before everything else, stored last.
        _ = try sqlite.insert(Self.stream(3, seed: 9, from: Self.tuesday.addingTimeInterval(-7_200), firstSerial: 3_000), quarantine: [],
                              at: clock.now, actor: "import")
        try copyToPostgres()
    }

    /// `count` leads imported and routed in one step, as `handoff import --route` stores them.
    func fillAtScale(_ count: Int) throws {
        let desk = try Desk(store: sqlite, rulebook: Self.rulebook, clock: { Self.tuesday })
        _ = try desk.importRouting(actor: "import", batchSize: 1_000) { feed in
            for lead in Self.stream(count, seed: 11, from: Self.tuesday.addingTimeInterval(-86_400), spacing: 0.5) { try feed.add(lead) }
        }
        try copyToPostgres()
    }

    /// The tables the reads use, copied row for row from SQLite into PostgreSQL, and the generation.
    func copyToPostgres() throws {
        let session = try PostgresSession.open(location)
        defer { session.close() }
        for table in ["leads", "events", "owner_load", "pool_ledger", "pool_turn", "quarantine"] {
            let described = try session.rows("""
                SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = \(table)
                ORDER BY ordinal_position
                """, as: (String, String).self)
            let columns = described.map(\.0)
            // Where PostgreSQL keeps bytes and SQLite text (or the other way round), the value goes over as UTF-8.
            let bytes = described.map { $0.1 == "bytea" }
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let perStatement = 60_000 / columns.count
            // SQLite makes a lead's key from its external id where it stores none (`LeadColumns.key`), and keeps a
            // flagged entry's text coded (`LogText`); PostgreSQL stores both as they read.
            let selected = columns.map { column in
                switch (table, column) {
                case ("leads", "idem_key"): "\(LeadColumns.key) AS idem_key"
                case ("leads", "rulebook"): "\(RulebookNumbers.versionSQL) AS rulebook"
                case ("leads", "id"): "\(LeadId.sql("seq")) AS id"
                default: "\"\(column)\""
                }
            }
            let textColumn = table == "events" ? columns.firstIndex(of: "text") : nil
            let rulebookColumn = columns.firstIndex(of: "rulebook")
            try sqlite.database.read { db in
                let logText = LogText(db: db, lists: sqlite.storedWords)
                let rows = try Row.fetchCursor(db, sql: "SELECT \(selected.joined(separator: ", ")) FROM \(table) ORDER BY rowid")
                var binds = PostgresBindings()
                var count = 0
                func flush() throws {
                    guard count > 0 else { return }
                    var placeholders: [String] = []
                    for row in 0..<count {
                        placeholders.append("(" + (0..<columns.count).map { "$\(row * columns.count + $0 + 1)" }.joined(separator: ", ") + ")")
                    }
                    try session.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(list)) VALUES " + placeholders.joined(separator: ", "), binds: binds))
                    binds = PostgresBindings()
                    count = 0
                }
                while let row = try rows.next() {
                    for (i, stored) in row.databaseValues.enumerated() {
                        var value = stored
                        if i == textColumn, case .blob = stored.storage, let rulebookColumn {
                            value = logText.text(stored, rulebook: row[rulebookColumn])?.databaseValue ?? .null
                        }
                        switch value.storage {
                        case .null: binds.appendNull()
                        case .int64(let n): binds.append(n)
                        case .double(let x): binds.append(x)
                        case .string(let s) where bytes[i]: binds.append(ByteBuffer(string: s))
                        case .string(let s): binds.append(s)
                        case .blob(let data) where !bytes[i]: binds.append(String(decoding: data, as: UTF8.self))
                        case .blob(let data): binds.append(ByteBuffer(bytes: data))
                        }
                    }
                    count += 1
                    if count == perStatement { try flush() }
                }
                try flush()
            }
        }
        try session.execute("UPDATE meta SET value = \(String(try sqlite.generation())) WHERE key = 'generation'")
    }
}

/// A clock the fixture moves by hand.
final class TestClock: Sendable {
    private let instant: Mutex<Date>

    init(_ start: Date) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func advance(_ seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
