import Foundation
import HandoffCore
@testable import HandoffPostgres
import PostgresNIO
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct SchemaTests {
    static let tables = [
        "accounts", "claims", "decision_words", "deliveries", "delivery_attempts", "delivery_cursors", "events", "leads", "meta", "notifications",
        "owner_absence_withdrawals", "owner_absences", "owner_load", "owner_pauses", "pool_ledger", "pool_turn", "presence", "quarantine",
        "role_grants", "routing_lease", "rulebooks", "schema_migrations", "shadow_divergences", "shadow_loads", "shadows",
    ]

    @Test func initCreatesTheSchemaOnceAndAgainIsNothingToDo() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            #expect(try PostgresMigrator.version(of: session) == nil)
            #expect(try PostgresMigrator.create(in: session) == .init(from: 0, to: PostgresMigrator.latestVersion))
            #expect(try PostgresMigrator.create(in: session) == .init(from: PostgresMigrator.latestVersion, to: PostgresMigrator.latestVersion))
            #expect(try PostgresMigrator.migrate(session) == .init(from: PostgresMigrator.latestVersion, to: PostgresMigrator.latestVersion))
            #expect(try session.values("""
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name
                """, as: String.self) == Self.tables)
            // The partial indexes SQLite's schema has, with the same conditions, and the queue's own.
            let partial = try session.rows("""
                SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %' ORDER BY indexname
                """, as: (String, String).self)
            #expect(partial.map(\.0) == [
                "deliveries_due", "deliveries_pending", "events_arrivals", "events_handoffs", "leads_assigned_since", "leads_by_owner",
                "leads_by_reason", "leads_flagged_by_wait", "leads_queued", "notifications_pending",
            ])
            #expect(partial.first { $0.0 == "leads_flagged_by_wait" }?.1.hasSuffix("WHERE (state = 'flagged'::text)") == true)
        }
        try await TestServer.drop(location)
    }

    /// The routing core's read of the queue goes through `leads_queued` in order even when the table's
    /// statistics know nothing of the queue (a bulk import the autovacuum has not yet analyzed), where the
    /// planner would otherwise sort every queued lead for each batch. Checked with the function's own
    /// settings, read from the catalog.
    @Test func theQueueIsReadInOrderFromItsIndexWhateverTheStatisticsSay() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            _ = try PostgresMigrator.create(in: session)
            try session.execute(sql: "ALTER TABLE leads SET (autovacuum_enabled = off)")
            try session.execute(sql: """
                INSERT INTO leads (seq, id, idem_key, received_at, state, version, updated_at)
                SELECT n, 'L-' || lpad(n::text, 7, '0'), 'k' || n, 0, 'received', 1, 0 FROM generate_series(1, 20000) AS n
                """)
            let settings = try session.value("SELECT array_to_string(proconfig, ',') FROM pg_proc WHERE proname = 'handoff_queued'", as: String.self)
            #expect(settings == "enable_sort=off,enable_bitmapscan=off,enable_seqscan=off")
            func plan() throws -> String {
                try session.values("EXPLAIN SELECT * FROM leads WHERE state = 'received' ORDER BY seq LIMIT 1000", as: String.self).joined(separator: "\n")
            }
            // Without the function's settings the planner, knowing no better, sorts the queue.
            #expect(try plan().contains("Sort"))
            try session.execute(sql: "BEGIN")
            for setting in (settings ?? "").split(separator: ",") {
                let parts = setting.split(separator: "=")
                try session.execute(sql: "SET LOCAL \(parts[0]) = \(parts[1])")
            }
            let queued = try plan()
            try session.execute(sql: "ROLLBACK")
            #expect(queued.contains("Index Scan using leads_queued"))
            #expect(!queued.contains("Sort"))
            #expect(try session.values("SELECT seq FROM handoff_queued(3)", as: Int64.self) == [1, 2, 3])
        }
        try await TestServer.drop(location)
    }

    @Test func manyProcessesMigratingAtOnceApplyEachVersionOnce() async throws {
        let location = try await TestServer.freshDatabase()
        let outcomes = try await withThrowingTaskGroup(of: PostgresMigrator.Outcome.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await onThread {
                        let session = try PostgresSession.open(location)
                        defer { session.close() }
                        return try PostgresMigrator.create(in: session)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0.from == 0 }.count == 1)
        #expect(outcomes.allSatisfy { $0.to == PostgresMigrator.latestVersion })
        let applied = try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            return try session.values("SELECT version FROM schema_migrations ORDER BY version", as: Int32.self)
        }
        #expect(applied.map(Int.init) == PostgresMigrations.all.map(\.version))
        try await TestServer.drop(location)
    }

    @Test func aNewerSchemaIsRefusedNamingBothVersions() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            try PostgresMigrator.create(in: session)
            let newer = PostgresMigrator.latestVersion + 1
            try session.execute("INSERT INTO schema_migrations (version, name) VALUES (\(newer), 'from a later Handoff')")
            #expect {
                try PostgresMigrator.migrate(session)
            } throws: { error in
                "\(error)".contains("schema version \(newer), newer than this Handoff's \(PostgresMigrator.latestVersion)")
            }
            #expect(throws: PostgresSchemaRefusal.self) { try PostgresMigrator.create(in: session) }
        }
        try await TestServer.drop(location)
    }

    @Test func initRefusesADatabaseHoldingOtherTables() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            #expect {
                try PostgresMigrator.migrate(session)
            } throws: { error in
                "\(error)".contains("holds no Handoff workspace") && "\(error)".contains("handoff init --database")
            }
            try session.execute(sql: "CREATE TABLE crm_contacts (id int)")
            #expect {
                try PostgresMigrator.create(in: session)
            } throws: { error in
                "\(error)".contains("crm_contacts") && "\(error)".contains("empty database")
            }
            #expect(try PostgresMigrator.version(of: session) == nil)
        }
        try await TestServer.drop(location)
    }

    @Test func theLogIsAppendOnlyAndKeepsItsHashedContentBitForBit() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let session = try PostgresSession.open(location)
            defer { session.close() }
            try PostgresMigrator.create(in: session)
            // A time with every bit of its double in use, and text with a NUL-free mix of scripts.
            let at = Double(bitPattern: 0x41DA_4C2B_1F9A_DD3F)
            let entry = LogEntryHash.Entry(seq: 1, lead: 7, kind: "assigned", at: at, actor: "router", leadVersion: 2,
                                           rulebook: "3f9a0c2e1b7d", reason: nil, owner: "zoë", previousOwner: nil,
                                           text: "Grüße, 田中", from: "ready", to: "assigned")
            let hash = LogEntryHash.hash(entry, after: LogEntryHash.genesis)
            try session.transaction { tx in
                try tx.execute("""
                    INSERT INTO leads (seq, id, idem_key, received_at, state, version, updated_at)
                    VALUES (7, 'L-0000007', 'k7', \(at), 'assigned', 2, \(at))
                    """)
                try tx.execute("""
                    INSERT INTO events (seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text,
                                        from_state, to_state, hash)
                    VALUES (\(entry.seq), \(entry.lead), \(entry.kind), \(entry.at), \(entry.actor), \(entry.leadVersion),
                            \(entry.rulebook), \(entry.reason), \(entry.owner), \(entry.previousOwner), \(entry.text),
                            \(entry.from), \(entry.to), \(ByteBuffer(bytes: hash)))
                    """)
            }
            let row = try #require(try session.row("""
                SELECT seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text, from_state, to_state, hash
                FROM events
                """, as: (Int64, Int64, String, Double, String, Int64, String?, String?, String?, String?, String?, String?, String?, ByteBuffer).self))
            let read = LogEntryHash.Entry(seq: row.0, lead: row.1, kind: row.2, at: row.3, actor: row.4, leadVersion: row.5, rulebook: row.6,
                                          reason: row.7, owner: row.8, previousOwner: row.9, text: row.10, from: row.11, to: row.12)
            #expect(read == entry)
            #expect(read.at.bitPattern == at.bitPattern)
            #expect(LogEntryHash.hash(read, after: LogEntryHash.genesis) == Array(buffer: row.13))
            for statement in ["UPDATE events SET actor = 'someone'", "DELETE FROM events", "TRUNCATE events CASCADE"] {
                #expect {
                    try session.execute(sql: statement)
                } throws: { error in
                    "\(error)".contains("the handoff log is append-only")
                }
            }
            #expect(try session.value("SELECT count(*) FROM events", as: Int64.self) == 1)
        }
        try await TestServer.drop(location)
    }
}
