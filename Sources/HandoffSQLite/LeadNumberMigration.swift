import Foundation
import GRDB
import HandoffStore

/// Migration 21: the leads table rebuilt without three things it stored for every lead and could make.
/// - `id` is "L-" and the zero-padded number (`LeadId`), so readers make it from `seq` (`LeadId.sql`)
///   and lookups by id are lookups by number; the column and its unique index go (29 bytes). Not a
///   generated column: SQLite then keeps a statement journal for every multi-row INSERT, which wrote
///   twice the database's size to a temporary file on a bulk import.
/// - `idem_key` is NULL where it is "id:" and the external id, as an import's keys mostly are, and
///   `leads_by_key` indexes the key as stored or made (`LeadColumns.key`), unique as before (12 bytes).
/// - `rulebook`, the deciding rulebook's version, becomes `rulebook_n`, its number in `rulebook_numbers`
///   (`RulebookNumbers`, 12 bytes).
/// `notifications.lead_id` referred to `leads(id)`, which no longer exists: it
/// is rebuilt naming the lead by id text as before, without the reference (a notification is written
/// in the transaction of the entry it reports, for a lead that exists). Rows are copied a range of
/// numbers at a time, so a terminal shows the copy.
enum LeadNumberMigration {
    /// The table as migration 1 made it, without `id`, `idem_key` optional and the rulebook by number.
    static let table = """
        CREATE TABLE leads_numbered (
            seq INTEGER PRIMARY KEY,
            idem_key TEXT,
            external_id TEXT,
            received_at REAL NOT NULL,
            source TEXT, email TEXT, first_name TEXT, last_name TEXT, title TEXT, company TEXT,
            website TEXT, phone TEXT, country TEXT, region TEXT, postal_code TEXT, timezone TEXT,
            employees TEXT, annual_revenue TEXT, industry TEXT, score TEXT, attributes TEXT,
            email_key TEXT,
            country_code TEXT,
            state TEXT NOT NULL,
            owner TEXT,
            reason TEXT,
            route TEXT,
            pool TEXT,
            version INTEGER NOT NULL,
            rulebook_n INTEGER,
            decision TEXT,
            updated_at REAL NOT NULL
        )
        """

    /// Every column but `id`, in the table's order.
    static let copied = """
        seq, idem_key, external_id, received_at, source, email, first_name, last_name, title, company, website, phone, country, \
        region, postal_code, timezone, employees, annual_revenue, industry, score, attributes, email_key, country_code, state, \
        owner, reason, route, pool, version, rulebook_n, decision, updated_at
        """

    /// The indexes of the leads table, as the migrations before left them, and the key's.
    static let indexes = [
        "CREATE UNIQUE INDEX leads_by_key ON leads(\(LeadColumns.key))",
        "CREATE INDEX leads_by_state ON leads(state)",
        "CREATE INDEX leads_by_owner ON leads(owner, state) WHERE owner IS NOT NULL",
        "CREATE INDEX leads_by_reason ON leads(reason) WHERE reason IS NOT NULL",
        "CREATE INDEX leads_flagged_by_wait ON leads(updated_at, received_at) WHERE state = 'flagged'",
        "CREATE INDEX leads_assigned_since ON leads(updated_at) WHERE state = 'assigned'",
    ]

    /// Leads copied a statement.
    static let range: Int64 = 100_000

    static func run(_ db: Database, progress: (Int, Int) -> Void) throws {
        // An id that is not its number's spelling was written outside Handoff; copying would rename the lead.
        if let row = try Row.fetchOne(db, sql: "SELECT seq, id FROM leads WHERE id IS NOT \(LeadId.sql("seq")) LIMIT 1") {
            throw LeadIdOutOfStep(seq: row[0], id: row[1])
        }
        let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
        let steps = Int((last + range - 1) / range) + indexes.count
        try db.execute(sql: table)
        try db.execute(sql: """
            CREATE TABLE rulebook_numbers (n INTEGER PRIMARY KEY, version TEXT NOT NULL UNIQUE);
            INSERT INTO rulebook_numbers (version) SELECT DISTINCT rulebook FROM leads WHERE rulebook IS NOT NULL;
            """)
        let read = copied
            .replacingOccurrences(of: "idem_key", with: "CASE WHEN idem_key = 'id:' || external_id THEN NULL ELSE idem_key END")
            .replacingOccurrences(of: "rulebook_n", with: "(SELECT n FROM rulebook_numbers r WHERE r.version = leads.rulebook)")
        let copy = try db.makeStatement(sql: """
            INSERT INTO leads_numbered (\(copied))
            SELECT \(read) FROM leads WHERE seq > ? AND seq <= ? ORDER BY seq
            """)
        var done = 0
        for from in stride(from: Int64(0), to: last, by: Int(range)) {
            progress(done, steps)
            try copy.execute(arguments: [from, from + range])
            done += 1
        }
        try db.execute(sql: """
            DROP TABLE leads;
            ALTER TABLE leads_numbered RENAME TO leads;
            CREATE TABLE notifications_by_id (
                seq INTEGER PRIMARY KEY, lead_id TEXT NOT NULL, event_seq INTEGER NOT NULL,
                kind TEXT NOT NULL, recipient TEXT NOT NULL, email TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,
                created_at REAL NOT NULL, delivered_at REAL, attempts INTEGER NOT NULL, last_error TEXT
            );
            INSERT INTO notifications_by_id SELECT * FROM notifications ORDER BY seq;
            DROP TABLE notifications;
            ALTER TABLE notifications_by_id RENAME TO notifications;
            CREATE INDEX notifications_pending ON notifications(seq) WHERE delivered_at IS NULL;
            """)
        for sql in indexes {
            progress(done, steps)
            try db.execute(sql: sql)
            done += 1
        }
        progress(steps, steps)
    }
}

/// A lead whose stored id is not its number's spelling, which Handoff never writes.
struct LeadIdOutOfStep: Error, CustomStringConvertible {
    let seq: Int64
    let id: String?

    var description: String {
        "lead number \(seq) is stored as \(id.map { "\"\($0)\"" } ?? "no id"), not \(LeadId.make(Int(seq))): the workspace was changed outside Handoff. "
            + "Restore it from a copy, or set the id back with sqlite3, then open it again (nothing was changed)."
    }
}
