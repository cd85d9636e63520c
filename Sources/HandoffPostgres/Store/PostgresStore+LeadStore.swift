import Foundation
import HandoffStore

/// The PostgreSQL engine keeps the whole contract (its capabilities in the other PostgresStore+ files).
extension PostgresStore: LeadStore {
    /// Another handle on the same database that only reads: its own sessions, so a long read (a simulation
    /// over a million leads) holds none of this handle's.
    public func reader() throws -> any LeadStore {
        try PostgresStore(location: database, readOnly: true)
    }

    /// LISTEN on `handoff_log` (`LogWatcher`): every transaction that appends to the log notifies it at its
    /// commit, whichever process made it. The watcher polls too, for poolers that drop LISTEN.
    public func watchLog(_ onChange: @escaping @Sendable () -> Void) -> (any StoreUpkeep)? {
        let watcher = LogWatcher(location: database, pollInterval: 1) { _ in onChange() }
        watcher.start()
        return watcher
    }
}

extension LogWatcher: StoreUpkeep {}
