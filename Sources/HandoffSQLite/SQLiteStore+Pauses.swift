import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    /// Owners paused now: the latest pause or resume of each owner decides.
    public func pauses() throws -> [String: OwnerPause] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT owner, paused, reason, set_by, at FROM owner_pauses
                WHERE seq IN (SELECT MAX(seq) FROM owner_pauses GROUP BY owner)
                """)
            var out: [String: OwnerPause] = [:]
            for row in rows where (row["paused"] as Int) == 1 {
                out[row["owner"]] = OwnerPause(reason: row["reason"], by: row["set_by"], since: Date(timeIntervalSince1970: row["at"]))
            }
            return out
        }
    }

    /// Appends a pause (or, with nil, a resume): the table keeps every change, who made it and why.
    public func setPause(owner: String, _ pause: OwnerPause?, by actor: String, at: Date, reason: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO owner_pauses (owner, paused, reason, set_by, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [owner, pause == nil ? 0 : 1, reason, actor, at.timeIntervalSince1970])
        }
    }

    /// Every pause and resume of `owner` (all owners when nil), oldest first.
    public func pauseHistory(owner: String?) throws -> [OwnerPauseChange] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT owner, paused, reason, set_by, at FROM owner_pauses WHERE ?1 IS NULL OR owner = ?1 ORDER BY seq",
                             arguments: [owner]).map {
                OwnerPauseChange(owner: $0["owner"], paused: ($0["paused"] as Int) == 1, reason: $0["reason"], by: $0["set_by"],
                                 at: Date(timeIntervalSince1970: $0["at"]))
            }
        }
    }
}
