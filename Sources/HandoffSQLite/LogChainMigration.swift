import GRDB
import HandoffCore
import HandoffStore

/// Migration 13: the log rebuilt with a hash on every entry, chained in order from the first.
enum LogChainMigration {
    static let table = """
        CREATE TABLE events_chained (
            seq INTEGER PRIMARY KEY,
            lead INTEGER NOT NULL REFERENCES leads(seq) DEFERRABLE INITIALLY DEFERRED,
            kind TEXT NOT NULL,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            lead_version INTEGER NOT NULL,
            rulebook TEXT,
            reason TEXT,
            owner TEXT,
            previous_owner TEXT,
            text TEXT,
            from_state TEXT,
            to_state TEXT,
            hash BLOB NOT NULL
        )
        """

    static func run(_ db: Database, progress: (Int, Int) -> Void) throws {
        try db.execute(sql: """
            DROP TRIGGER events_never_change;
            DROP TRIGGER events_never_vanish;
            \(table);
            """)
        let total = Int(try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0)
        let insert = RawStatement(try db.makeStatement(sql: MultiRowInsert.sql(into: "events_chained", columns: EventWriter.names, rows: 1)))
        var cursor = LogEntryCursor(try db.makeStatement(sql: "SELECT \(LogAuditor.contentColumns), NULL FROM events ORDER BY seq"))
        var previous = LogEntryHash.genesis, buffer: [UInt8] = [], done = 0
        while let (entry, _) = try cursor.next() {
            previous = LogEntryHash.hash(entry, after: previous, buffer: &buffer)
            insert.bind(1, Int(entry.seq))
            insert.bind(2, Int(entry.lead))
            insert.bind(3, entry.kind)
            insert.bind(4, entry.at)
            insert.bind(5, entry.actor)
            insert.bind(6, Int(entry.leadVersion))
            insert.bind(7, entry.rulebook)
            insert.bind(8, entry.reason)
            insert.bind(9, entry.owner)
            insert.bind(10, entry.previousOwner)
            insert.bind(11, entry.text)
            insert.bind(12, entry.from)
            insert.bind(13, entry.to)
            insert.bind(14, previous)
            try insert.run()
            done += 1
            if done & 8191 == 0 { progress(done, total) }
        }
        progress(done, total)
        try db.execute(sql: """
            DROP TABLE events;
            ALTER TABLE events_chained RENAME TO events;
            CREATE INDEX events_by_lead ON events(lead, seq);
            CREATE INDEX events_handoffs ON events(kind, at, owner)
                WHERE kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted' OR kind = 'accepted';
            CREATE INDEX events_arrivals ON events(at, lead) WHERE kind = 'received';
            CREATE TRIGGER events_never_change BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
            CREATE TRIGGER events_never_vanish BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
            \(LogTail.recordHeadSQL);
            """)
    }
}
