import GRDB
import HandoffStore

/// Versioned migrations. A migration once shipped never changes; new ones are appended.
enum Schema {
    static var migrator: DatabaseMigrator { migrator(progress: nil) }

    /// The migrator; `progress` hears from the long ones (each told the rows done and the rows to do).
    static func migrator(progress: MigrationProgress?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1: leads, events, projections") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE leads (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    idem_key TEXT NOT NULL UNIQUE,
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
                    rulebook TEXT,
                    decision TEXT,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX leads_by_state ON leads(state, seq);
                CREATE INDEX leads_by_owner ON leads(owner, state);
                CREATE INDEX leads_by_reason ON leads(reason, seq) WHERE reason IS NOT NULL;
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    lead_id TEXT NOT NULL REFERENCES leads(id),
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
                    to_state TEXT
                );
                CREATE INDEX events_by_lead ON events(lead_id, seq);
                CREATE TRIGGER events_never_change BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
                CREATE TRIGGER events_never_vanish BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
                CREATE TABLE owner_load (owner TEXT PRIMARY KEY, open INTEGER NOT NULL);
                CREATE TABLE pool_ledger (pool TEXT NOT NULL, owner TEXT NOT NULL, assigned INTEGER NOT NULL, PRIMARY KEY (pool, owner));
                CREATE TABLE pool_turn (pool TEXT PRIMARY KEY, last_owner TEXT NOT NULL);
                CREATE TABLE accounts (domain TEXT PRIMARY KEY, name TEXT NOT NULL, owner TEXT);
                CREATE TABLE quarantine (
                    seq INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL, column INTEGER, field TEXT,
                    reason TEXT NOT NULL, raw TEXT NOT NULL, at REAL NOT NULL
                );
                CREATE UNIQUE INDEX quarantine_once ON quarantine(file, line, raw);
                CREATE TABLE rulebooks (version TEXT PRIMARY KEY, name TEXT NOT NULL, loaded_at REAL NOT NULL, author TEXT NOT NULL, source TEXT NOT NULL);
                INSERT INTO meta (key, value) VALUES ('generation', '0');
                """)
        }
        migrator.registerMigration("2: owner absences set at run time") { db in
            try db.execute(sql: """
                CREATE TABLE owner_absences (
                    seq INTEGER PRIMARY KEY, owner TEXT NOT NULL, from_day TEXT NOT NULL, until_day TEXT NOT NULL,
                    set_by TEXT NOT NULL, at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("3: the console's orderings") { db in
            // Exceptions, the one flagged longest ago first, then the oldest: partial, so only flagged leads pay for it.
            // Leads given to owners and accepted, by kind and time: an owner's day and the per-minute
            // chart without reading the rest of the log. (Its condition is a chain of ORs, not IN: SQLite
            // builds an IN list afresh for every row written, which cost imports 11%.)
            try db.execute(sql: """
                CREATE INDEX leads_flagged_by_wait ON leads(updated_at, received_at, seq) WHERE state = 'flagged';
                CREATE INDEX events_handoffs ON events(kind, at, owner)
                    WHERE kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted' OR kind = 'accepted';
                """)
        }
        migrator.registerMigration("4: the SLA timer's candidates") { db in
            // Assigned leads by when their owner got them: the sweep reads only those old enough to be due.
            try db.execute(sql: "CREATE INDEX leads_assigned_since ON leads(updated_at) WHERE state = 'assigned'")
        }
        migrator.registerMigration("5: owner pauses") { db in
            // Append-only like the log: the latest row per owner says whether they are paused now.
            try db.execute(sql: """
                CREATE TABLE owner_pauses (
                    seq INTEGER PRIMARY KEY, owner TEXT NOT NULL, paused INTEGER NOT NULL, reason TEXT NOT NULL,
                    set_by TEXT NOT NULL, at REAL NOT NULL
                );
                CREATE INDEX owner_pauses_by_owner ON owner_pauses(owner, seq);
                """)
        }
        migrator.registerMigration("6: the fairness ledger's forgiven shares") { db in
            // Thousandths of leads a member missed while unavailable and the pool's catch-up policy forgave.
            try db.execute(sql: "ALTER TABLE pool_ledger ADD COLUMN excused INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("7: the notification outbox") { db in
            // Written with the events they report; delivered (and retried) by `handoff notifications --deliver`.
            try db.execute(sql: """
                CREATE TABLE notifications (
                    seq INTEGER PRIMARY KEY, lead_id TEXT NOT NULL REFERENCES leads(id), event_seq INTEGER NOT NULL,
                    kind TEXT NOT NULL, recipient TEXT NOT NULL, email TEXT, subject TEXT NOT NULL, body TEXT NOT NULL,
                    created_at REAL NOT NULL, delivered_at REAL, attempts INTEGER NOT NULL, last_error TEXT
                );
                CREATE INDEX notifications_pending ON notifications(seq) WHERE delivered_at IS NULL;
                """)
        }
        migrator.registerMigration("8: the log refers to leads by number") { db in
            // An entry names its lead by the lead's serial (`leads.seq`, the table's own key) instead of its
            // id text: the foreign key is checked against the primary key rather than the id index, and
            // `events_by_lead` holds two integers a row. Every lead writes two or three entries when it
            // is routed, so this is a tenth of what SQLite spends storing a routed lead. The key is
            // checked when a transaction commits (every write is one), so a multi-row INSERT of entries
            // needs no statement journal to undo its own rows: the import writes fifty leads' at once. Ids are
            // "L-" and the zero-padded serial, so nothing is lost; the log is copied as it stands (an entry
            // whose lead is missing, which the old foreign key forbade, stops the migration: `lead` is NOT NULL).
            try db.execute(sql: """
                DROP TRIGGER events_never_change;
                DROP TRIGGER events_never_vanish;
                CREATE TABLE events_by_number (
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
                    to_state TEXT
                );
                INSERT INTO events_by_number
                    SELECT e.seq, l.seq, e.kind, e.at, e.actor, e.lead_version, e.rulebook, e.reason, e.owner,
                        e.previous_owner, e.text, e.from_state, e.to_state
                    FROM events e LEFT JOIN leads l ON l.id = e.lead_id ORDER BY e.seq;
                DROP TABLE events;
                ALTER TABLE events_by_number RENAME TO events;
                CREATE INDEX events_by_lead ON events(lead, seq);
                CREATE INDEX events_handoffs ON events(kind, at, owner)
                    WHERE kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted' OR kind = 'accepted';
                CREATE TRIGGER events_never_change BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
                CREATE TRIGGER events_never_vanish BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the handoff log is append-only'); END;
                """)
        }
        migrator.registerMigration("9: withdrawn owner absences") { db in
            // An operator's undo of an out-of-office window: the window's row stays, as the pauses' do, and
            // a withdrawal names it, so `absences(asOf:)` still answers for decisions made while it held.
            try db.execute(sql: """
                CREATE TABLE owner_absence_withdrawals (
                    seq INTEGER PRIMARY KEY, absence INTEGER NOT NULL REFERENCES owner_absences(seq),
                    withdrawn_by TEXT NOT NULL, at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("10: arrivals by time") { db in
            // Leads by when they arrived in the log, for the review's window: the log is not always written
            // in time order (an import run with an earlier --now after a later one), so its entries'
            // order cannot stand in for their times. One small entry a lead, at the end of the index
            // while time moves forward.
            try db.execute(sql: "CREATE INDEX events_arrivals ON events(at, lead) WHERE kind = 'received'")
        }
        migrator.registerMigration("11: shadow runs") { db in
            // A draft rulebook deciding the live stream beside the one in force, kept apart from the log:
            // `active` is 1 for the one running (NULL once ended), so two can never run at once. A pair of
            // outcomes that agree says nothing a count does not, so agreeing leads are counted (`leads`, and
            // each owner's assignments on both sides in `shadow_loads`) and only diverging ones kept whole,
            // one row each (the latest, if a lead is routed again). Writing a row for every lead cost the
            // routing core more than deciding it twice. No other index: the newest divergences are read
            // backwards along the key.
            try db.execute(sql: """
                CREATE TABLE shadows (
                    seq INTEGER PRIMARY KEY, active INTEGER UNIQUE,
                    draft_path TEXT NOT NULL, draft_source TEXT NOT NULL, draft_version TEXT NOT NULL, draft_name TEXT NOT NULL,
                    live_path TEXT NOT NULL, live_source TEXT NOT NULL, live_version TEXT NOT NULL,
                    started_by TEXT NOT NULL, started_at REAL NOT NULL,
                    ended_by TEXT, ended_at REAL, outcome TEXT,
                    leads INTEGER NOT NULL DEFAULT 0, diverged INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE shadow_loads (
                    shadow INTEGER NOT NULL REFERENCES shadows(seq), owner TEXT NOT NULL, live INTEGER NOT NULL, draft INTEGER NOT NULL,
                    PRIMARY KEY (shadow, owner)
                ) WITHOUT ROWID;
                CREATE TABLE shadow_divergences (
                    shadow INTEGER NOT NULL REFERENCES shadows(seq), lead INTEGER NOT NULL, at REAL NOT NULL,
                    live_route TEXT, live_pool TEXT, live_owner TEXT, live_reason TEXT,
                    draft_route TEXT, draft_pool TEXT, draft_owner TEXT, draft_reason TEXT, why TEXT,
                    PRIMARY KEY (shadow, lead)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("12: the delivery log") { db in
            // The handoff log is the outbox: each target (a webhook, a CRM) keeps the last entry it took,
            // and the deliverer turns newer entries into deliveries in the transaction that moves the
            // cursor on, so a crash neither loses one nor makes one up. A delivery is pending until it is
            // delivered, dead-lettered or skipped; a lead's deliveries to one target go out in order.
            // Every attempt is kept, with its time, answer and error.
            try db.execute(sql: """
                CREATE TABLE delivery_cursors (target TEXT PRIMARY KEY, after_event INTEGER NOT NULL);
                CREATE TABLE deliveries (
                    seq INTEGER PRIMARY KEY, target TEXT NOT NULL, lead INTEGER NOT NULL, event_seq INTEGER NOT NULL,
                    event TEXT NOT NULL, owner TEXT, path TEXT, body TEXT NOT NULL, status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0, round_attempts INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL, next_at REAL, updated_at REAL NOT NULL,
                    last_code INTEGER, last_error TEXT,
                    UNIQUE (target, event_seq)
                );
                CREATE INDEX deliveries_pending ON deliveries(target, lead, seq) WHERE status = 'pending';
                CREATE INDEX deliveries_due ON deliveries(next_at) WHERE status = 'pending';
                CREATE INDEX deliveries_by_status ON deliveries(status, seq);
                CREATE TABLE delivery_attempts (
                    delivery INTEGER NOT NULL REFERENCES deliveries(seq), attempt INTEGER NOT NULL,
                    at REAL NOT NULL, code INTEGER, error TEXT, seconds REAL NOT NULL,
                    PRIMARY KEY (delivery, attempt)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("13: the log's hash chain") { db in
            // Every entry carries SHA-256 of its predecessor's hash and its own content (`LogEntryHash`),
            // computed here over the log as it stands, in order; the table is rebuilt so the hash is a
            // column every row has (NOT NULL) rather than one added to rows already written.
            try LogChainMigration.run(db) { progress?("Chaining the log's entries", $0, $1) }
        }
        migrator.registerMigration("14: routed entries in the log's partial indexes") { db in
            // A lead taken in and decided in one transaction is one `routed` entry (`RoutedEntry`): it is
            // an arrival, and a hand-off when it assigned the lead. The two indexes that name kinds take
            // it in; entries already written stay as they are (readers take both layouts). Each index is
            // built by reading the whole log, so a terminal shows the two steps.
            progress?("Indexing the log's routed entries", 0, 2)
            try db.execute(sql: """
                DROP INDEX events_handoffs;
                CREATE INDEX events_handoffs ON events(kind, at, owner)
                    WHERE kind = 'assigned' OR kind = 'approved' OR kind = 'reassigned' OR kind = 'rerouted' OR kind = 'accepted' \
                    OR (kind = 'routed' AND to_state = 'assigned');
                """)
            progress?("Indexing the log's routed entries", 1, 2)
            try db.execute(sql: """
                DROP INDEX events_arrivals;
                CREATE INDEX events_arrivals ON events(at, lead) WHERE kind = 'received' OR kind = 'routed';
                """)
            progress?("Indexing the log's routed entries", 2, 2)
        }
        migrator.registerMigration("15: leads by owner, only those with one") { db in
            // Every read of it names an owner (`owner = ?`: `leads --owner`, the console's owner filter),
            // which a lead without one never matches, and most flagged leads have none: they paid an
            // index entry each (17 bytes a lead, and a B-tree insert, on an import of a million leads
            // the owners could not take) for reads that never reach it.
            progress?("Indexing leads by owner", 0, 1)
            try db.execute(sql: """
                DROP INDEX leads_by_owner;
                CREATE INDEX leads_by_owner ON leads(owner, state) WHERE owner IS NOT NULL;
                """)
            progress?("Indexing leads by owner", 1, 1)
        }
        migrator.registerMigration("16: claims on exceptions and consoles' presence") { db in
            // Claims in force (who works on which exception; their history is the log's `claimed` and
            // `unclaimed` entries), and where each running console's cursor is: a row per console,
            // replaced every couple of seconds and pruned when stale, never part of the log.
            try db.execute(sql: """
                CREATE TABLE claims (lead TEXT PRIMARY KEY, actor TEXT NOT NULL, at REAL NOT NULL);
                CREATE TABLE presence (
                    console TEXT PRIMARY KEY, operator TEXT NOT NULL, host TEXT NOT NULL, lead TEXT NOT NULL, seen_at REAL NOT NULL
                );
                CREATE INDEX presence_by_lead ON presence(lead, seen_at);
                """)
        }
        migrator.registerMigration("17: roles granted in the database") { db in
            // Append-only like the pauses: the newest row per person says what is in force, a NULL role
            // that their grant was withdrawn and the rulebook's `people:` holds for them again.
            try db.execute(sql: """
                CREATE TABLE role_grants (
                    seq INTEGER PRIMARY KEY, person TEXT NOT NULL, role TEXT CHECK (role IN ('viewer', 'operator', 'lead')),
                    granted_by TEXT NOT NULL, at REAL NOT NULL
                );
                CREATE INDEX role_grants_by_person ON role_grants(person, seq);
                """)
        }
        migrator.registerMigration("18: decided entries among the hand-offs") { db in
            // A queued lead's decision is one `decided` entry (`RoutedEntry`), a hand-off when it assigned
            // the lead: the index that names hand-off kinds takes it in. Entries already written stay as
            // they are (readers take both layouts).
            progress?("Indexing the log's hand-offs", 0, 1)
            try db.execute(sql: """
                DROP INDEX events_handoffs;
                CREATE INDEX events_handoffs ON events(kind, at, owner) WHERE \(SQLiteStore.handoffCondition);
                """)
            progress?("Indexing the log's hand-offs", 1, 1)
        }
        migrator.registerMigration("19: the words decisions are coded with") { db in
            // Format-2 decisions refer to these by number (`DecisionWords`); kept, never changed, by version.
            try db.execute(sql: "CREATE TABLE decision_words (version TEXT PRIMARY KEY, words BLOB NOT NULL)")
        }
        migrator.registerMigration("20: per-lead indexes end with the row's own number") { db in
            // An index of a rowid table ends every entry with the row's rowid, and `seq` is the rowid: an
            // index on (state, seq) stored the number twice, 3 to 4 bytes an entry at a million leads. On
            // (state) alone the entries sort the same way (by state, then rowid), and SQLite's planner reads
            // them in that order for `state = ? ORDER BY seq` as it did before. Four indexes take an entry
            // for every lead (a flagged lead's reason and wait, its state, its log entry): this saves 27 of
            // the 611 bytes a routed lead took. Each is built again by reading its table, so a terminal shows the steps.
            let indexes = [
                "DROP INDEX leads_by_state; CREATE INDEX leads_by_state ON leads(state)",
                "DROP INDEX leads_by_reason; CREATE INDEX leads_by_reason ON leads(reason) WHERE reason IS NOT NULL",
                """
                    DROP INDEX leads_flagged_by_wait;
                    CREATE INDEX leads_flagged_by_wait ON leads(updated_at, received_at) WHERE state = 'flagged'
                    """,
                "DROP INDEX events_by_lead; CREATE INDEX events_by_lead ON events(lead)",
            ]
            for (done, sql) in indexes.enumerated() {
                progress?("Indexing leads and the log", done, indexes.count)
                try db.execute(sql: sql)
            }
            progress?("Indexing leads and the log", indexes.count, indexes.count)
        }
        migrator.registerMigration("21: lead ids made from their numbers") { db in
            try LeadNumberMigration.run(db) { progress?("Rebuilding the leads table", $0, $1) }
        }
        return migrator
    }
}
