import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

extension PostgresStore: NoticeOutbox {
    /// Queues `notices` for the lead's newest log entry, in the transaction that wrote it.
    @available(*, noasync, message: "blocks its thread")
    static func enqueue(_ tx: PostgresSession, _ notices: [Notice], leadId: String, at: Date) throws {
        guard !notices.isEmpty else { return }
        let event = try tx.value("SELECT COALESCE(MAX(seq), 0) FROM events WHERE lead = \(LeadId.key(leadId))", as: Int64.self) ?? 0
        for n in notices {
            try tx.execute("""
                INSERT INTO notifications (lead_id, event_seq, kind, recipient, email, subject, body, created_at, attempts)
                VALUES (\(leadId), \(event), \(n.kind), \(n.recipient), \(n.email), \(n.subject), \(n.body), \(at.timeIntervalSince1970), 0)
                """)
        }
    }

    /// Notices in the order they were made: those not delivered yet, or all.
    public func notices(pendingOnly: Bool, after seq: Int64 = 0, limit: Int = 1_000) throws -> [StoredNotice] {
        // Two texts rather than a bound flag, so the pending ones are read through their partial index.
        // A negative limit reads them all, as SQLite's LIMIT does.
        let pending = pendingOnly ? "AND delivered_at IS NULL" : ""
        return try readOne { s in
            try s.columns("""
                SELECT seq, lead_id, event_seq, kind, recipient, email, subject, body, created_at, delivered_at, attempts::bigint AS attempts, last_error
                FROM notifications WHERE seq > \(seq) \(unescaped: pending) ORDER BY seq LIMIT \(limit < 0 ? nil : limit)
                """).map { c in
                StoredNotice(
                    seq: try c.value("seq"), leadId: try c.value("lead_id"), event: try c.value("event_seq"),
                    notice: Notice(kind: try c.value("kind"), recipient: try c.value("recipient"), email: try c.text("email"),
                                   subject: try c.value("subject"), body: try c.value("body")),
                    createdAt: try c.date("created_at"),
                    deliveredAt: try c.value("delivered_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
                    attempts: try c.int("attempts"), lastError: try c.text("last_error"))
            }
        }
    }

    /// Records one delivery attempt: delivered at `at`, or failed with `error`.
    public func recordDelivery(_ seq: Int64, at: Date, error: String?) throws {
        try write { tx -> Void in
            if let error {
                try tx.execute("UPDATE notifications SET attempts = attempts + 1, last_error = \(error) WHERE seq = \(seq)")
            } else {
                try tx.execute("""
                    UPDATE notifications SET attempts = attempts + 1, delivered_at = \(at.timeIntervalSince1970), last_error = NULL WHERE seq = \(seq)
                    """)
            }
        }
    }
}
