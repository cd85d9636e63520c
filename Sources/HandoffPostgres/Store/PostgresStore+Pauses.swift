import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Operators' pauses of owners: every pause and resume kept, the latest of each owner deciding.
extension PostgresStore {
    /// Owners paused now: the latest pause or resume of each owner decides.
    public func pauses() throws -> [String: OwnerPause] {
        try readOne { s in
            var out: [String: OwnerPause] = [:]
            // Each owner's newest row, read backwards through owner_pauses_by_owner.
            for (owner, paused, reason, by, at) in try s.rows("""
                SELECT DISTINCT ON (owner) owner, paused, reason, set_by, at FROM owner_pauses ORDER BY owner, seq DESC
                """, as: (String, Bool, String, String, Double).self) where paused {
                out[owner] = OwnerPause(reason: reason, by: by, since: Date(timeIntervalSince1970: at))
            }
            return out
        }
    }

    /// Appends a pause (or, with nil, a resume): the table keeps every change, who made it and why.
    public func setPause(owner: String, _ pause: OwnerPause?, by actor: String, at: Date, reason: String) throws {
        try write { tx -> Void in
            try tx.execute("""
                INSERT INTO owner_pauses (owner, paused, reason, set_by, at) VALUES (\(owner), \(pause != nil), \(reason), \(actor), \(at.timeIntervalSince1970))
                """)
        }
    }

    /// Every pause and resume of `owner` (all owners when nil), oldest first.
    public func pauseHistory(owner: String?) throws -> [OwnerPauseChange] {
        let query: PostgresQuery = if let owner {
            "SELECT owner, paused, reason, set_by, at FROM owner_pauses WHERE owner = \(owner) ORDER BY seq"
        } else {
            "SELECT owner, paused, reason, set_by, at FROM owner_pauses ORDER BY seq"
        }
        return try readOne { s in
            try s.rows(query, as: (String, Bool, String, String, Double).self).map {
                OwnerPauseChange(owner: $0.0, paused: $0.1, reason: $0.2, by: $0.3, at: Date(timeIntervalSince1970: $0.4))
            }
        }
    }
}
