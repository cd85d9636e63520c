import HandoffSQLite
import HandoffStore

/// Where a workspace's store lives. The desk, console, demo and command line name a location and get a
/// `LeadStore`; only this module knows which engine keeps which kind of location.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (the embedded default), or ":memory:" for one that lives as long as the process.
    case file(String)

    public var description: String {
        switch self {
        case .file(let path): path
        }
    }

    /// Opens the store, creating and migrating it as needed unless `readOnly`: a read-only store refuses
    /// every write and migrates nothing. Throws `StoreRefusal` for a location that holds something other
    /// than a Handoff store this build can use.
    public func open(readOnly: Bool = false, migrationProgress: MigrationProgress? = nil) throws -> any LeadStore {
        switch self {
        case .file(let path): try SQLiteStore(path: path, readOnly: readOnly, migrationProgress: migrationProgress)
        }
    }
}
