import Foundation
import GRDB
import HandoffCore
import HandoffStore
import Synchronization

extension SQLiteStore {
    public func insert(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], at: Date, actor: String) throws -> InsertSummary {
        // A few leads: written here, without a second thread.
        try write { db in
            var sink = try SQLiteLeadSink(db: db, at: at, actor: actor)
            for lead in leads { try sink.add(lead) }
            for record in quarantine { try sink.quarantine(record) }
            return sink.summary
        }
    }

    /// Streams an import into one transaction: everything `body` adds is committed together, or
    /// nothing is if it throws. `body` runs on the calling thread, which also works out each new lead's
    /// row, number and `received` entry (chained after the log's tail the transaction found), against a
    /// snapshot of the stored keys taken once the transaction holds the write lock; a second thread only
    /// writes them, a batch at a time, so reading a file and storing it overlap. Memory stays flat
    /// however many leads arrive: the reader waits when the writer is a few batches behind.
    public func importing(at: Date, actor: String, _ body: (inout any LeadSink) throws -> Void) throws -> InsertSummary {
        let written = WrittenSoFar()
        var alreadyPresent = 0
        var summary = try Pipeline.run(write: { [self] start, next in
            try write { db in
                var sink = try SQLiteLeadSink(db: db, at: at, actor: actor)
                start.open(lastSerial: sink.serial, tail: sink.events.chain.tail)
                while let batch = try next() {
                    for lead in batch.leads { try sink.store(lead.row, entry: lead.entry) }
                    for record in batch.quarantine { try sink.quarantine(record) }
                    written.accepted.store(sink.summary.accepted, ordering: .relaxed)
                }
                return sink.summary
            }
        }, read: { (begun, channel: BatchChannel<LeadRowBatch>) in
            try withStoredKeys { keys in
                var sink: any LeadSink = LeadRowFeed(
                    channel: channel, written: written, keys: keys, lastSerial: begun.lastSerial, tail: begun.tail!,
                    at: at.timeIntervalSince1970, actor: actor)
                try body(&sink)
                guard var feed = sink as? LeadRowFeed else { preconditionFailure("an import hands back the sink it was given") }
                try feed.flush()
                alreadyPresent = feed.alreadyPresent
            }
        })
        summary.alreadyPresent = alreadyPresent
        return summary
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
            INSERT INTO leads (\(LeadColumns.insert), state, version, updated_at)
            VALUES (\(Array(repeating: "?", count: LeadColumns.names.count).joined(separator: ", ")), 'received', 1, ?)
            ON CONFLICT(\(LeadColumns.key)) DO NOTHING
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
        NewLeadRow(lead, key: incoming.idempotencyKey).bind(to: insertLead, serial: serial + 1)
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

    /// Adds a new lead whose row (with its id) and `received` entry were worked out on another thread
    /// (whose snapshot of the keys, taken under this transaction's lock, said the key is new).
    mutating func store(_ row: NewLeadRow, entry: ChainedEntry) throws {
        let id = row.lead.id
        row.bind(to: insertLead, serial: Int(entry.entry.lead))
        insertLead.bind(Int32(LeadColumns.names.count + 1), events.time)
        guard try insertLead.run() == 1, entry.entry.lead == serial + 1 else {
            throw ImportOutOfStep(id: id)
        }
        serial += 1
        summary.accepted += 1
        if summary.ids.count < 100_000 { summary.ids.append(id) }
        try events.append(entry)
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

/// New leads of an import on their way to its writer: each row (its lead numbered) and `received` entry.
struct LeadRowBatch: Sendable {
    var leads: [(row: NewLeadRow, entry: ChainedEntry)] = []
    var quarantine: [QuarantinedRecord] = []
    var count: Int { leads.count + quarantine.count }
}

/// How many leads an import's writer stored so far, for its reader to tell.
private final class WrittenSoFar: Sendable {
    let accepted = Atomic<Int>(0)
}

/// The sink an import's reader fills (`SQLiteStore.importing`): it skips a lead whose key is stored
/// (in the snapshot `keys`) or was taken earlier in the import, and numbers, prepares and chains the
/// `received` entry of each new one, handing them to the writer a batch at a time.
private struct LeadRowFeed: LeadSink {
    let channel: BatchChannel<LeadRowBatch>
    let written: WrittenSoFar
    var numbering: ImportNumbering
    var chain: LogChain
    let at: Double
    let actor: String
    var alreadyPresent: Int { numbering.alreadyPresent }
    var quarantined = 0
    var batch = LeadRowBatch()
    static let batchSize = 1_000

    init(channel: BatchChannel<LeadRowBatch>, written: WrittenSoFar, keys: any StoredKeys, lastSerial: Int, tail: LogAnchor, at: Double, actor: String) {
        self.channel = channel
        self.written = written
        numbering = ImportNumbering(stored: keys, lastSerial: lastSerial)
        chain = LogChain(after: tail)
        self.at = at
        self.actor = actor
    }

    mutating func add(_ incoming: IncomingLead) throws {
        guard let lead = try numbering.take(incoming) else { return }
        let entry = chain.next(numbering.serial, kind: EventKind.received.rawValue, at: at, actor: actor, version: 1, rulebook: nil, reason: lead.source,
                               detail: EventDetail(to: .received))
        batch.leads.append((NewLeadRow(lead, key: incoming.idempotencyKey), entry))
        if batch.count >= Self.batchSize { try flush() }
    }

    mutating func quarantine(_ record: QuarantinedRecord) throws {
        batch.quarantine.append(record)
        quarantined += 1
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Stored so far (by the writer), skipped and quarantined so far (here).
    var summary: InsertSummary {
        InsertSummary(accepted: written.accepted.load(ordering: .relaxed), alreadyPresent: alreadyPresent, quarantined: quarantined, ids: [])
    }

    mutating func flush() throws {
        guard batch.count > 0 else { return }
        try channel.send(.batch(batch))
        batch = LeadRowBatch()
    }
}

/// An import's reader and writer disagree on a lead's number or on its key being new: the reader's
/// snapshot was taken under the writer's lock, so this is a defect, and the import rolls back whole.
private struct ImportOutOfStep: Error, CustomStringConvertible {
    let id: String
    var description: String { "the import's reader and writer disagree about lead \(id); nothing of this import was stored" }
}
