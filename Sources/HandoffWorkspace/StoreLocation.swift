import HandoffPostgres
import HandoffSQLite
import HandoffStore

/// Where a workspace's store lives. The desk, console, demo and command line name a location and get a
/// `LeadStore`; only this module knows which engine keeps which kind of location.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (the embedded default), or ":memory:" for one that lives as long as the process.
    case file(String)
    /// A PostgreSQL database that every process of a team's workspace points at.
    case postgres(PostgresLocation)

    /// A location as a person writes it: a `postgres://` (or `postgresql://`) URL, else a file path.
    /// Throws `PostgresLocationError`, naming what is wrong, for a URL that does not read.
    public init(naming text: String) throws {
        self = PostgresLocation.isLocation(text) ? .postgres(try PostgresLocation(parsing: text)) : .file(text)
    }

    /// How a person sees it: the path, or the URL with its password hidden.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let location): location.description
        }
    }

    /// Opens the store, creating and migrating it as needed unless `readOnly`: a read-only store refuses
    /// every write and migrates nothing. An SQLite file is created on first open; a PostgreSQL database
    /// gets its schema only with `creating` (`handoff init --database URL`), so a mistyped URL is not
    /// silently made into an empty workspace. Throws `StoreRefusal` (SQLite) for a file that holds something
    /// other than a Handoff store this build can use, and `StoreOpenFailure` for a PostgreSQL database that
    /// cannot be reached or used, each saying why and what to do.
    @available(*, noasync, message: "blocks its thread: open stores from a thread of their own")
    public func open(readOnly: Bool = false, creating: Bool = false, migrationProgress: MigrationProgress? = nil) throws -> any LeadStore {
        switch self {
        case .file(let path): return try SQLiteStore(path: path, readOnly: readOnly, migrationProgress: migrationProgress)
        case .postgres(let location):
            do {
                return try PostgresStore(location: location, readOnly: readOnly, creating: creating)
            } catch let refusal as PostgresSchemaRefusal {
                throw StoreOpenFailure(description: "\(refusal)")
            } catch let failure as PostgresFailure {
                throw StoreOpenFailure(description: "\(failure)")
            }
        }
    }
}

/// Why a store could not be opened, said whole by its engine (the server, the database, the schema and
/// what to do), so a caller shows it as it is without knowing the engine.
public struct StoreOpenFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
}
