import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    static func enqueue(_ db: Database, _ notices: [Notice], leadId: String, at: Date) throws {
        guard !notices.isEmpty else { return }
        let event = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events WHERE lead = ?", arguments: [LeadId.key(leadId)]) ?? 0
        for n in notices {
            try db.execute(sql: """
                INSERT INTO notifications (lead_id, event_seq, kind, recipient, email, subject, body, created_at, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
                """, arguments: [leadId, event, n.kind, n.recipient, n.email, n.subject, n.body, at.timeIntervalSince1970])
        }
    }

    /// Notices in the order they were made: those not delivered yet, or all.
    public func notices(pendingOnly: Bool, after seq: Int64 = 0, limit: Int = 1_000) throws -> [StoredNotice] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM notifications WHERE seq > ? AND (? = 0 OR delivered_at IS NULL) ORDER BY seq LIMIT ?
                """, arguments: [seq, pendingOnly ? 1 : 0, limit]).map { row in
                StoredNotice(
                    seq: row["seq"], leadId: row["lead_id"], event: row["event_seq"],
                    notice: Notice(kind: row["kind"], recipient: row["recipient"], email: row["email"], subject: row["subject"], body: row["body"]),
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    attempts: row["attempts"], lastError: row["last_error"])
            }
        }
    }

    /// Records one delivery attempt: delivered at `at`, or failed with `error`.
    public func recordDelivery(_ seq: Int64, at: Date, error: String?) throws {
        try write { db in
            if let error {
                try db.execute(sql: "UPDATE notifications SET attempts = attempts + 1, last_error = ? WHERE seq = ?", arguments: [error, seq])
            } else {
                try db.execute(sql: "UPDATE notifications SET attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE seq = ?",
                               arguments: [at.timeIntervalSince1970, seq])
            }
        }
    }
}
