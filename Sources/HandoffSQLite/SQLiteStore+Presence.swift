import Foundation
import GRDB
import HandoffStore

extension SQLiteStore {
    public func recordPresence(_ presence: Presence, pruneBefore: Date) throws {
        try ephemeral { db in
            try db.cachedStatement(sql: """
                INSERT INTO presence (console, operator, host, lead, seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(console) DO UPDATE SET operator = excluded.operator, host = excluded.host, lead = excluded.lead,
                    seen_at = excluded.seen_at
                """).execute(arguments: [presence.console, presence.operatorName, presence.host, presence.leadId,
                                         presence.seenAt.timeIntervalSince1970])
            try db.cachedStatement(sql: "DELETE FROM presence WHERE seen_at < ?").execute(arguments: [pruneBefore.timeIntervalSince1970])
        }
    }

    public func presence(on leadId: String, since: Date, excluding console: String) throws -> [Presence] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT console, operator, host, lead, seen_at FROM presence
                WHERE lead = ? AND seen_at >= ? AND console <> ? ORDER BY seen_at DESC, console
                """, arguments: [leadId, since.timeIntervalSince1970, console]).map {
                Presence(console: $0[0], operatorName: $0[1], host: $0[2], leadId: $0[3], seenAt: Date(timeIntervalSince1970: $0[4]))
            }
        }
    }

    public func clearPresence(console: String) throws {
        try ephemeral { db in try db.execute(sql: "DELETE FROM presence WHERE console = ?", arguments: [console]) }
    }

    /// A write of state that is not the workspace's (presence): its own short transaction, with neither
    /// a log entry nor a generation step, so no console refreshes for it. Refused like any write on a
    /// damaged database.
    private func ephemeral(_ body: (Database) throws -> Void) throws {
        if let known = knownDamage { throw StoreRefusal.damaged(finding: known) }
        try noticingDamage("writing to it") {
            try database.writeWithoutTransaction { db in try db.inTransaction(.immediate) { try body(db); return .commit } }
        }
    }
}
