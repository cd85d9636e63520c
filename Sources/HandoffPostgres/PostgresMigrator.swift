import PostgresNIO

/// Creates and upgrades a workspace's schema in its PostgreSQL database.
///
/// Applying is idempotent and safe from many processes at once: every run takes a transaction-level
/// advisory lock first (`AdvisoryKeys.migration`), reads which versions `schema_migrations` holds, and
/// applies the missing ones in the same transaction, so a second process waits for the first and then
/// finds nothing to do, and a failure leaves the schema as it was (PostgreSQL's DDL is transactional).
public enum PostgresMigrator {
    /// The schema version this build writes.
    public static var latestVersion: Int { PostgresMigrations.all.last?.version ?? 0 }

    /// What a run did: the version found (0 for a new schema) and the version left.
    public struct Outcome: Sendable, Hashable {
        public var from: Int
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }

    /// `handoff init`: creates the schema in an empty database. A database already holding Handoff's schema
    /// is brought up to date instead; one holding other tables is refused, naming some of them.
    @discardableResult
    @available(*, noasync, message: "blocks its thread")
    public static func create(in session: PostgresSession) throws -> Outcome {
        try run(session, creating: true)
    }

    /// Every other command: brings an existing workspace's schema up to date. A database without Handoff's
    /// schema is refused (with `handoff init` as what to do), as is one whose schema is newer than this build.
    @discardableResult
    @available(*, noasync, message: "blocks its thread")
    public static func migrate(_ session: PostgresSession) throws -> Outcome {
        try run(session, creating: false)
    }

    /// The schema version of the session's database: nil when it holds no Handoff schema.
    @available(*, noasync, message: "blocks its thread")
    public static func version(of session: PostgresSession) throws -> Int? {
        guard try hasTable("schema_migrations", session) else { return nil }
        return try session.value("SELECT coalesce(max(version), 0)::bigint FROM schema_migrations", as: Int64.self).map(Int.init)
    }

    @available(*, noasync, message: "blocks its thread")
    private static func run(_ session: PostgresSession, creating: Bool) throws -> Outcome {
        try session.transaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(\(AdvisoryKeys.application), \(AdvisoryKeys.migration))")
            let found: Int
            if let version = try version(of: tx) {
                found = version
            } else {
                let tables = try tx.values("""
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name LIMIT 6
                    """, as: String.self)
                guard creating else { throw PostgresSchemaRefusal.notAWorkspace(location: tx.location, otherTables: tables) }
                guard tables.isEmpty else { throw PostgresSchemaRefusal.otherTables(location: tx.location, tables: tables) }
                try tx.execute(sql: """
                    CREATE TABLE schema_migrations (
                        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                found = 0
            }
            guard found <= latestVersion else {
                throw PostgresSchemaRefusal.newer(location: tx.location, database: found, build: latestVersion)
            }
            for migration in PostgresMigrations.all where migration.version > found {
                for statement in migration.statements { try tx.execute(sql: statement) }
                try tx.execute("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
            }
            return Outcome(from: found, to: max(found, latestVersion))
        }
    }

    @available(*, noasync, message: "blocks its thread")
    private static func hasTable(_ name: String, _ session: PostgresSession) throws -> Bool {
        try session.value("SELECT to_regclass(\(name)) IS NOT NULL", as: Bool.self) ?? false
    }
}

/// A database whose schema Handoff will not use as it is, and what to do.
public enum PostgresSchemaRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema was written by a newer Handoff.
    case newer(location: PostgresLocation, database: Int, build: Int)
    /// `init` on a database holding tables that are not Handoff's.
    case otherTables(location: PostgresLocation, tables: [String])
    /// A command other than `init` on a database without Handoff's schema.
    case notAWorkspace(location: PostgresLocation, otherTables: [String])
    /// A read-only open of a workspace whose schema is older than this build's (a read-only open migrates nothing).
    case outdated(location: PostgresLocation, database: Int, build: Int)

    public var description: String {
        switch self {
        case .newer(let location, let database, let build):
            "the workspace in \(location) has schema version \(database), newer than this Handoff's \(build): use a newer Handoff"
        case .otherTables(let location, let tables):
            "\(location) holds tables that are not Handoff's (\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", ..." : "")): "
                + "give Handoff an empty database of its own (createdb, then handoff init --database URL)"
        case .notAWorkspace(let location, let tables):
            "\(location) holds no Handoff workspace\(tables.isEmpty ? "" : " (it has other tables)"): create one with handoff init --database URL"
        case .outdated(let location, let database, let build):
            "the workspace in \(location) has schema version \(database), older than this Handoff's \(build), and a read-only open migrates nothing: "
                + "run any writing command (handoff init --database URL) once to bring it up to date"
        }
    }
}

/// Handoff's advisory lock keys. PostgreSQL scopes advisory locks to a database, and a workspace is a
/// database, so a constant pair names each lock of a workspace: the first key is Handoff's (its SQLite
/// `application_id`, 'HNDF'), the second the lock's purpose. The single-key (bigint) space holds only the
/// delivery claims (`DeliveryClaims`), keyed by the delivery's number.
public enum AdvisoryKeys {
    public static let application: Int32 = 0x484E_4446
    /// Held (transaction-level) while the schema is created or migrated.
    public static let migration: Int32 = 1
    /// Held (session-level) by the one active routing core (`RoutingLease`).
    public static let routing: Int32 = 2
}
