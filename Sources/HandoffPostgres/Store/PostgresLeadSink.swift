import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Where an import's leads and quarantined records go inside its write transaction, written a few
/// thousand at a time: the leads kept are checked against the stored keys with one statement and
/// inserted with another, their `received` entries follow (`PostgresEventWriter`), so memory stays
/// flat and a million leads are a few hundred round trips, not a million. `finish` writes the rest.
struct PostgresLeadSink: LeadSink {
    private let session: PostgresSession
    private var events: PostgresEventWriter
    private var quarantined: PostgresRowWriter
    private let actor: String
    /// The highest lead number so far (`leads.seq`); 0 while the store holds no lead.
    private var serial: Int
    private var pending: [IncomingLead] = []
    private(set) var summary = InsertSummary(accepted: 0, alreadyPresent: 0, quarantined: 0, ids: [])

    /// Leads checked and inserted together (27 parameters a row, within the 65,535 a statement binds).
    static let leadsAStatement = 2_000
    /// `seq` is given here, as SQLite gives its rowid: the number the log refers to the lead by.
    static let columns = ["seq"] + LeadColumns.names + ["state", "version", "updated_at"]

    @available(*, noasync, message: "blocks its thread")
    init(_ session: PostgresSession, at: Date, actor: String) throws {
        self.session = session
        serial = Int(try session.value("SELECT COALESCE(MAX(seq), 0) FROM leads", as: Int64.self) ?? 0)
        events = try PostgresEventWriter(session, at: at)
        quarantined = PostgresStore.quarantineWriter()
        self.actor = actor
        pending.reserveCapacity(Self.leadsAStatement)
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func add(_ incoming: IncomingLead) throws {
        pending.append(incoming)
        if pending.count == Self.leadsAStatement { try storePending() }
    }

    @available(*, noasync, message: "blocks its thread")
    mutating func quarantine(_ record: QuarantinedRecord) throws {
        let time = events.time
        try quarantined.add(session) { PostgresStore.bind(record, at: time, to: &$0) }
        summary.quarantined += 1
    }

    /// Writes everything kept; the summary is whole after it.
    @available(*, noasync, message: "blocks its thread")
    mutating func finish() throws {
        try storePending()
        try events.flush(session)
        try quarantined.flush(session)
    }

    @available(*, noasync, message: "blocks its thread")
    private mutating func storePending() throws {
        guard !pending.isEmpty else { return }
        _ = try store(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Stores `incoming` in order, as `add` would one by one: each lead's new id, or nil when its key was
    /// stored already or taken by an earlier lead of `incoming`. Its rows are in the table when it returns.
    @available(*, noasync, message: "blocks its thread")
    mutating func store(_ incoming: [IncomingLead]) throws -> [String?] {
        var ids: [String?] = []
        ids.reserveCapacity(incoming.count)
        for start in stride(from: 0, to: incoming.count, by: Self.leadsAStatement) {
            let part = incoming[start..<min(start + Self.leadsAStatement, incoming.count)]
            // This transaction sees its own rows, so the look-up finds keys of this import's earlier
            // statements too; writers take turns, so no other process adds a key before the commit.
            var taken: Set<String> = []
            if serial > 0 {
                let keys = part.map(\.idempotencyKey)
                taken = Set(try session.values("SELECT idem_key FROM leads WHERE idem_key = ANY(\(keys))", as: String.self))
            }
            var binds = PostgresBindings()
            var rows = 0
            for incoming in part {
                let key = incoming.idempotencyKey
                guard taken.insert(key).inserted else {
                    summary.alreadyPresent += 1
                    ids.append(nil)
                    continue
                }
                serial += 1
                var lead = incoming.lead
                lead.id = LeadId.make(serial)
                binds.append(Int64(serial))
                LeadColumns.bind(NewLeadRow(lead, key: key), to: &binds)
                binds.append(LeadState.received.rawValue)
                binds.append(Int64(1))
                binds.append(events.time)
                rows += 1
                summary.accepted += 1
                if summary.ids.count < 100_000 { summary.ids.append(lead.id) }
                try events.append(serial, .received, actor: actor, version: 1, rulebook: nil, reason: lead.source,
                                  detail: EventDetail(to: .received), session: session)
                ids.append(lead.id)
            }
            guard rows > 0 else { continue }
            // No ON CONFLICT: a key the look-up missed is a store gone wrong, and fails the whole write.
            let sql = "INSERT INTO leads (\(Self.columns.joined(separator: ", "))) VALUES "
                + PostgresRows.placeholders(rows: rows, width: Self.columns.count)
            try session.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
        }
        return ids
    }
}
