import Foundation
import HandoffStore

/// The PostgreSQL engine keeps the whole contract (its capabilities in the other PostgresStore+ files).
extension PostgresStore: LeadStore {
    /// Another handle on the same database that only reads: its own sessions, so a long read (a simulation
    /// over a million leads) holds none of this handle's.
    public func reader() throws -> any LeadStore {
        try PostgresStore(location: database, readOnly: true)
    }
}
