/// The PostgreSQL schema, as versioned migrations: a migration once shipped never changes; new ones are
/// appended with the next version. Each is a list of statements (postgres-nio sends one statement a query),
/// applied in one transaction with the others pending (`PostgresMigrator`).
///
/// Version 1 is the SQLite schema as of its migration 15 (Sources/HandoffSQLite/Schema.swift), table for
/// table and index for index, in PostgreSQL's own types, with these choices:
/// - Times are `double precision` seconds since 1970, as SQLite's REAL columns hold them, not
///   `timestamptz` (whole microseconds): the log's hash covers each entry's time as the 8 bytes of its
///   double (`LogEntryHash`), so an entry must read back bit for bit on either engine.
/// - The log's `seq` is given by its writer inside the write transaction (the chain needs numbers without
///   gaps, which a sequence does not promise); tables whose numbers only need to be unique use identity.
/// - The log refuses UPDATE, DELETE and TRUNCATE with a trigger, and every transaction that appends to it
///   notifies `handoff_log` with its newest entry's number, delivered when it commits (`LogWatcher`).
/// - `quarantine_once` indexes an MD5 of the raw record: a btree entry is limited to about 2.7 kB.
///
/// Version 2 keeps quarantined raw lines, the fields they name and the reasons as `bytea` (each may hold a NUL).
/// - `routing_lease` holds the fencing epoch of the routing lease (`RoutingLease`).
enum PostgresMigrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "leads, the chained log, projections, settings, outboxes", statements: [
            "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
            "INSERT INTO meta (key, value) VALUES ('generation', '0')",
            """
            CREATE TABLE leads (
                seq bigint PRIMARY KEY,
                id text NOT NULL UNIQUE,
                idem_key text NOT NULL UNIQUE,
                external_id text,
                received_at double precision NOT NULL,
                source text, email text, first_name text, last_name text, title text, company text,
                website text, phone text, country text, region text, postal_code text, timezone text,
                employees text, annual_revenue text, industry text, score text, attributes text,
                email_key text,
                country_code text,
                state text NOT NULL,
                owner text,
                reason text,
                route text,
                pool text,
                version bigint NOT NULL,
                rulebook text,
                decision bytea,
                updated_at double precision NOT NULL
            )
            """,
            "CREATE INDEX leads_by_state ON leads (state, seq)",
            "CREATE INDEX leads_by_owner ON leads (owner, state) WHERE owner IS NOT NULL",
            "CREATE INDEX leads_by_reason ON leads (reason, seq) WHERE reason IS NOT NULL",
            "CREATE INDEX leads_flagged_by_wait ON leads (updated_at, received_at, seq) WHERE state = 'flagged'",
            "CREATE INDEX leads_assigned_since ON leads (updated_at) WHERE state = 'assigned'",
            """
            CREATE TABLE events (
                seq bigint PRIMARY KEY,
                lead bigint NOT NULL REFERENCES leads (seq) DEFERRABLE INITIALLY DEFERRED,
                kind text NOT NULL,
                at double precision NOT NULL,
                actor text NOT NULL,
                lead_version bigint NOT NULL,
                rulebook text,
                reason text,
                owner text,
                previous_owner text,
                text text,
                from_state text,
                to_state text,
                hash bytea NOT NULL CHECK (octet_length(hash) = 32)
            )
            """,
            "CREATE INDEX events_by_lead ON events (lead, seq)",
            """
            CREATE INDEX events_handoffs ON events (kind, at, owner)
                WHERE kind IN ('assigned', 'approved', 'reassigned', 'rerouted', 'accepted') OR (kind = 'routed' AND to_state = 'assigned')
            """,
            "CREATE INDEX events_arrivals ON events (at, lead) WHERE kind IN ('received', 'routed')",
            """
            CREATE FUNCTION handoff_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the handoff log is append-only' USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            "CREATE TRIGGER events_never_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION handoff_log_is_append_only()",
            "CREATE TRIGGER events_never_truncated BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION handoff_log_is_append_only()",
            """
            CREATE FUNCTION handoff_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('handoff_log', (SELECT max(seq) FROM appended)::text);
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER events_notify AFTER INSERT ON events REFERENCING NEW TABLE AS appended
                FOR EACH STATEMENT EXECUTE FUNCTION handoff_log_notify()
            """,
            "CREATE TABLE owner_load (owner text PRIMARY KEY, open bigint NOT NULL)",
            """
            CREATE TABLE pool_ledger (
                pool text NOT NULL, owner text NOT NULL, assigned bigint NOT NULL, excused bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (pool, owner)
            )
            """,
            "CREATE TABLE pool_turn (pool text PRIMARY KEY, last_owner text NOT NULL)",
            "CREATE TABLE accounts (domain text PRIMARY KEY, name text NOT NULL, owner text)",
            """
            CREATE TABLE quarantine (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, file text NOT NULL, line bigint NOT NULL,
                "column" bigint, field text, reason text NOT NULL, raw text NOT NULL, at double precision NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX quarantine_once ON quarantine (file, line, md5(raw))",
            """
            CREATE TABLE rulebooks (
                version text PRIMARY KEY, name text NOT NULL, loaded_at double precision NOT NULL, author text NOT NULL,
                source text NOT NULL
            )
            """,
            """
            CREATE TABLE owner_absences (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner text NOT NULL, from_day text NOT NULL,
                until_day text NOT NULL, set_by text NOT NULL, at double precision NOT NULL
            )
            """,
            """
            CREATE TABLE owner_absence_withdrawals (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, absence bigint NOT NULL REFERENCES owner_absences (seq),
                withdrawn_by text NOT NULL, at double precision NOT NULL
            )
            """,
            """
            CREATE TABLE owner_pauses (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner text NOT NULL, paused boolean NOT NULL,
                reason text NOT NULL, set_by text NOT NULL, at double precision NOT NULL
            )
            """,
            "CREATE INDEX owner_pauses_by_owner ON owner_pauses (owner, seq)",
            """
            CREATE TABLE notifications (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, lead_id text NOT NULL REFERENCES leads (id),
                event_seq bigint NOT NULL, kind text NOT NULL, recipient text NOT NULL, email text, subject text NOT NULL,
                body text NOT NULL, created_at double precision NOT NULL, delivered_at double precision,
                attempts integer NOT NULL, last_error text
            )
            """,
            "CREATE INDEX notifications_pending ON notifications (seq) WHERE delivered_at IS NULL",
            """
            CREATE TABLE shadows (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, active smallint UNIQUE CHECK (active = 1),
                draft_path text NOT NULL, draft_source text NOT NULL, draft_version text NOT NULL, draft_name text NOT NULL,
                live_path text NOT NULL, live_source text NOT NULL, live_version text NOT NULL,
                started_by text NOT NULL, started_at double precision NOT NULL,
                ended_by text, ended_at double precision, outcome text,
                leads bigint NOT NULL DEFAULT 0, diverged bigint NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE shadow_loads (
                shadow bigint NOT NULL REFERENCES shadows (seq), owner text NOT NULL, live bigint NOT NULL, draft bigint NOT NULL,
                PRIMARY KEY (shadow, owner)
            )
            """,
            """
            CREATE TABLE shadow_divergences (
                shadow bigint NOT NULL REFERENCES shadows (seq), lead bigint NOT NULL, at double precision NOT NULL,
                live_route text, live_pool text, live_owner text, live_reason text,
                draft_route text, draft_pool text, draft_owner text, draft_reason text, why text,
                PRIMARY KEY (shadow, lead)
            )
            """,
            "CREATE TABLE delivery_cursors (target text PRIMARY KEY, after_event bigint NOT NULL)",
            """
            CREATE TABLE deliveries (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, target text NOT NULL, lead bigint NOT NULL,
                event_seq bigint NOT NULL, event text NOT NULL, owner text, path text, body text NOT NULL, status text NOT NULL,
                attempts integer NOT NULL DEFAULT 0, round_attempts integer NOT NULL DEFAULT 0,
                created_at double precision NOT NULL, next_at double precision, updated_at double precision NOT NULL,
                last_code integer, last_error text,
                UNIQUE (target, event_seq)
            )
            """,
            "CREATE INDEX deliveries_pending ON deliveries (target, lead, seq) WHERE status = 'pending'",
            "CREATE INDEX deliveries_due ON deliveries (next_at) WHERE status = 'pending'",
            "CREATE INDEX deliveries_by_status ON deliveries (status, seq)",
            """
            CREATE TABLE delivery_attempts (
                delivery bigint NOT NULL REFERENCES deliveries (seq), attempt integer NOT NULL,
                at double precision NOT NULL, code integer, error text, seconds double precision NOT NULL,
                PRIMARY KEY (delivery, attempt)
            )
            """,
            """
            CREATE TABLE routing_lease (
                one boolean PRIMARY KEY DEFAULT true CHECK (one), epoch bigint NOT NULL, holder text, since double precision
            )
            """,
            "INSERT INTO routing_lease (epoch) VALUES (0)",
        ]),
        // A quarantined line is kept byte for byte, and may hold a NUL, which PostgreSQL's text cannot (SQLite
        // keeps such a line as a blob in the same column); so may the header it names and the reason that
        // quotes it. `quarantine_once` is rebuilt on the bytes' MD5, the text's MD5 for every line kept before.
        Migration(version: 2, name: "quarantined lines, fields and reasons as bytes, since text cannot hold a NUL", statements: [
            """
            ALTER TABLE quarantine ALTER COLUMN raw TYPE bytea USING convert_to(raw, 'UTF8'),
                ALTER COLUMN field TYPE bytea USING convert_to(field, 'UTF8'),
                ALTER COLUMN reason TYPE bytea USING convert_to(reason, 'UTF8')
            """,
        ]),
        Migration(version: 3, name: "roles granted in the database", statements: [
            // As SQLite's migration 17: append-only, the newest row per person in force, a NULL role a withdrawal.
            """
            CREATE TABLE role_grants (
                seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, person text NOT NULL,
                role text CHECK (role IN ('viewer', 'operator', 'lead')), granted_by text NOT NULL, at double precision NOT NULL
            )
            """,
            "CREATE INDEX role_grants_by_person ON role_grants (person, seq)",
        ]),
        Migration(version: 4, name: "claims on exceptions and consoles' presence", statements: [
            // As SQLite's migration 16: the claims in force, and each running console's cursor.
            "CREATE TABLE claims (lead text PRIMARY KEY, actor text NOT NULL, at double precision NOT NULL)",
            """
            CREATE TABLE presence (
                console text PRIMARY KEY, operator text NOT NULL, host text NOT NULL, lead text NOT NULL,
                seen_at double precision NOT NULL
            )
            """,
            "CREATE INDEX presence_by_lead ON presence (lead, seen_at)",
        ]),
        // The queue is read oldest first, a batch at a time, while the batch before it is being routed. Read
        // through `leads_by_state` or the primary key, each read walked past the entries of every lead
        // routed since the table was last vacuumed; and the planner, before the table's statistics knew of
        // the queue, sorted the whole queue for each batch (200 ms a batch at 200k queued leads). The
        // partial index holds queued leads only, so a routed lead costs it nothing, and the function reads
        // it in order whatever the statistics say: sorting, bitmap and sequential scans are off inside it.
        // The log's reference to its lead is no longer a foreign key: PostgreSQL checked it with a trigger
        // and a locking lookup of the lead for every entry at commit, a tenth of what routing a lead cost,
        // for entries the store writes only for leads it has just read or written in the same transaction.
        // `handoff doctor` still finds any entry whose lead is missing.
        Migration(version: 5, name: "the queue read by an index of queued leads alone; the log's entries checked by doctor", statements: [
            "ALTER TABLE events DROP CONSTRAINT events_lead_fkey",
            "CREATE INDEX leads_queued ON leads (seq) WHERE state = 'received'",
            """
            CREATE FUNCTION handoff_queued(n bigint) RETURNS SETOF leads LANGUAGE sql STABLE
                SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
                AS $$ SELECT * FROM leads WHERE state = 'received' ORDER BY seq LIMIT n $$
            """,
        ]),
        // A queued lead's check and decision are one `decided` entry (`RoutedEntry`), a hand-off when it
        // assigned the lead: the index that names hand-off kinds takes it in.
        Migration(version: 6, name: "decided entries among the hand-offs", statements: [
            "DROP INDEX events_handoffs",
            """
            CREATE INDEX events_handoffs ON events (kind, at, owner)
                WHERE kind IN ('assigned', 'approved', 'reassigned', 'rerouted', 'accepted') OR (kind IN ('routed', 'decided') AND to_state = 'assigned')
            """,
        ]),
        // As SQLite's migration 19: the words format-2 decisions refer to by number (`DecisionWords`).
        Migration(version: 7, name: "the words decisions are coded with", statements: [
            "CREATE TABLE decision_words (version text PRIMARY KEY, words bytea NOT NULL)",
        ]),
    ]
}
