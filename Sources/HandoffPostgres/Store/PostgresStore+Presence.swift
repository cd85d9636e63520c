import Foundation
import HandoffStore
import PostgresNIO

/// Where each running console's cursor is (`PresenceBoard`): not the workspace's state, so written in
/// short transactions of its own, outside the writers' turn, with neither a log entry nor a generation
/// step (no console refreshes for it).
extension PostgresStore: PresenceBoard {
    public func recordPresence(_ presence: Presence, pruneBefore: Date) throws {
        try ephemeral { tx in
            try tx.execute("""
                INSERT INTO presence (console, operator, host, lead, seen_at)
                VALUES (\(presence.console), \(presence.operatorName), \(presence.host), \(presence.leadId), \(presence.seenAt.timeIntervalSince1970))
                ON CONFLICT (console) DO UPDATE SET operator = excluded.operator, host = excluded.host, lead = excluded.lead,
                    seen_at = excluded.seen_at
                """)
            try tx.execute("DELETE FROM presence WHERE seen_at < \(pruneBefore.timeIntervalSince1970)")
        }
    }

    public func presence(on leadId: String, since: Date, excluding console: String) throws -> [Presence] {
        try readOne { session in
            try session.columns("""
                SELECT console, operator, host, lead, seen_at FROM presence
                WHERE lead = \(leadId) AND seen_at >= \(since.timeIntervalSince1970) AND console <> \(console)
                ORDER BY seen_at DESC, console COLLATE "C"
                """).map {
                Presence(console: try $0.value("console"), operatorName: try $0.value("operator"), host: try $0.value("host"),
                         leadId: try $0.value("lead"), seenAt: try $0.date("seen_at"))
            }
        }
    }

    public func clearPresence(console: String) throws {
        try ephemeral { tx in try tx.execute("DELETE FROM presence WHERE console = \(console)") }
    }

    @available(*, noasync, message: "blocks its thread")
    private func ephemeral(_ body: (PostgresSession) throws -> Void) throws {
        guard !readOnly else { throw StoreRefusal.readOnly(reason: "it was opened read-only") }
        try pool.with { session in try session.transaction { tx in try body(tx) } }
    }
}
