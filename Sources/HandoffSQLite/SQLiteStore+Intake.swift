import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    public func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary {
        try importing(at: at, actor: actor) { sink in
            for lead in leads { try sink.add(lead) }
            for record in quarantine { try sink.quarantine(record) }
        }
    }

    /// Streams an import into one transaction: everything `body` adds is committed together, or
    /// nothing is if it throws. Memory stays flat however many leads arrive.
    public func importing(at: Date, actor: String, _ body: (inout any LeadSink) throws -> Void) throws -> InsertSummary {
        try write { db in
            var sink: any LeadSink = try SQLiteLeadSink(db: db, at: at, actor: actor)
            try body(&sink)
            return sink.summary
        }
    }
    public func upsert(accounts: [Account]) throws -> Int {
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO accounts (domain, name, owner) VALUES (?, ?, ?)
                ON CONFLICT(domain) DO UPDATE SET name = excluded.name, owner = excluded.owner
                """)
            for account in accounts {
                try statement.execute(arguments: [Normalizer.domain(account.domain) ?? account.domain, account.name, account.owner])
            }
            return accounts.count
        }
    }

    /// Keeps the text of every rulebook that routed leads, by version.
    public func record(rulebook: Rulebook, source: String, author: String, at: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO rulebooks (version, name, loaded_at, author, source) VALUES (?, ?, ?, ?, ?)",
                           arguments: [rulebook.version, rulebook.name, at.timeIntervalSince1970, author, source])
        }
    }

    static let insertQuarantineSQL =
        "INSERT INTO quarantine (file, line, column, field, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
}

struct SQLiteLeadSink: LeadSink {
    let insertLead: RawStatement
    var events: EventWriter
    let insertQuarantine: Statement
    let actor: String
    var serial: Int
    var summary = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: 0, ids: [])

    init(db: Database, at: Date, actor: String) throws {
        serial = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
        insertLead = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO leads (\(LeadColumns.select), state, version, updated_at)
            VALUES (\(Array(repeating: "?", count: LeadColumns.names.count).joined(separator: ", ")), 'received', 1, ?)
            ON CONFLICT(idem_key) DO NOTHING
            """))
        events = try EventWriter(db, at: at)
        insertQuarantine = try db.cachedStatement(sql: SQLiteStore.insertQuarantineSQL)
        self.actor = actor
    }

    mutating func add(_ incoming: IncomingLead) throws {
        _ = try store(incoming)
    }

    /// Adds a lead as `add` does; its id when added, nil when its key was present.
    mutating func store(_ incoming: IncomingLead) throws -> String? {
        var lead = incoming.lead
        lead.id = LeadId.make(serial + 1)
        NewLeadRow(lead, key: incoming.idempotencyKey).bind(to: insertLead)
        insertLead.bind(Int32(LeadColumns.names.count + 1), events.time)
        if try insertLead.run() == 0 {
            summary.alreadyPresent += 1
            return nil
        }
        serial += 1
        summary.accepted += 1
        if summary.ids.count < 100_000 { summary.ids.append(lead.id) }
        try events.append(serial, .received, actor: actor, version: 1, rulebook: nil, reason: lead.source, detail: EventDetail(to: .received))
        return lead.id
    }

    mutating func quarantine(_ record: QuarantinedRecord) throws {
        try insertQuarantine.execute(arguments: [record.file, record.line, record.column, record.storedField, record.storedReason, record.storedRaw, events.time])
        summary.quarantined += 1
    }
}

extension SQLiteStore {
    public func absences() throws -> [OwnerAbsence] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT owner, from_day, until_day FROM owner_absences
                WHERE seq NOT IN (SELECT absence FROM owner_absence_withdrawals) ORDER BY seq
                """).map {
                OwnerAbsence(owner: $0["owner"], from: $0["from_day"], until: $0["until_day"])
            }
        }
    }

    public func absences(asOf date: Date) throws -> [OwnerAbsence] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT owner, from_day, until_day FROM owner_absences
                WHERE at <= ? AND seq NOT IN (SELECT absence FROM owner_absence_withdrawals WHERE at <= ?) ORDER BY seq
                """, arguments: [date.timeIntervalSince1970, date.timeIntervalSince1970]).map {
                OwnerAbsence(owner: $0["owner"], from: $0["from_day"], until: $0["until_day"])
            }
        }
    }

    public func setAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO owner_absences (owner, from_day, until_day, set_by, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [absence.owner, absence.from, absence.until, actor, at.timeIntervalSince1970])
        }
    }

    public func withdrawAbsence(_ absence: OwnerAbsence, by actor: String, at: Date) throws -> Bool {
        try write { db in
            // The newest window in force with these days: the one the operator set last.
            guard let seq = try Int64.fetchOne(db, sql: """
                SELECT seq FROM owner_absences
                WHERE owner = ? AND from_day = ? AND until_day = ? AND seq NOT IN (SELECT absence FROM owner_absence_withdrawals)
                ORDER BY seq DESC LIMIT 1
                """, arguments: [absence.owner, absence.from, absence.until]) else { return false }
            try db.execute(sql: "INSERT INTO owner_absence_withdrawals (absence, withdrawn_by, at) VALUES (?, ?, ?)",
                           arguments: [seq, actor, at.timeIntervalSince1970])
            return true
        }
    }

    public func withdrawAbsences(owner: String, by actor: String, at: Date) throws -> [OwnerAbsence] {
        try write { db in
            let current = try Row.fetchAll(db, sql: """
                SELECT seq, owner, from_day, until_day FROM owner_absences
                WHERE owner = ? AND seq NOT IN (SELECT absence FROM owner_absence_withdrawals) ORDER BY seq
                """, arguments: [owner])
            for row in current {
                try db.execute(sql: "INSERT INTO owner_absence_withdrawals (absence, withdrawn_by, at) VALUES (?, ?, ?)",
                               arguments: [row["seq"] as Int64, actor, at.timeIntervalSince1970])
            }
            return current.map { OwnerAbsence(owner: $0["owner"], from: $0["from_day"], until: $0["until_day"]) }
        }
    }
}

extension QuarantinedRecord {
    /// The raw line as the quarantine stores it: a line holding a NUL goes in as bytes, since bound as
    /// text it would end at the NUL (`quarantined` reads it back whole).
    var storedRaw: any DatabaseValueConvertible { Self.stored(raw) }
    /// The header named and the reason (which quotes what was read) kept the same way: a header may hold a NUL too.
    var storedField: (any DatabaseValueConvertible)? { field.map(Self.stored) }
    var storedReason: any DatabaseValueConvertible { Self.stored(reason) }

    private static func stored(_ text: String) -> any DatabaseValueConvertible { text.utf8.contains(0) ? Data(text.utf8) : text }
}
