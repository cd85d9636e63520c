import Foundation
import GRDB
import HandoffCore

/// A message for a person about a lead, written in the same transaction as the event it reports, so
/// none is lost or sent for something that did not happen. Delivered later (`handoff notifications
/// --deliver`), any number of times until it succeeds.
public struct Notice: Sendable, Hashable, Codable {
    /// `reminder`, `breach` or `reroute`.
    public var kind: String
    /// An owner id, or `operators` for the people who watch exceptions.
    public var recipient: String
    /// The owner's email from the rulebook, when it has one.
    public var email: String?
    public var subject: String
    public var body: String

    public init(kind: String, recipient: String, email: String?, subject: String, body: String) {
        self.kind = kind
        self.recipient = recipient
        self.email = email
        self.subject = subject
        self.body = body
    }
}

/// A notice as kept in the outbox.
public struct StoredNotice: Sendable, Hashable {
    public var seq: Int64
    public var leadId: String
    /// The log entry it reports.
    public var event: Int64
    public var notice: Notice
    public var createdAt: Date
    public var deliveredAt: Date?
    public var attempts: Int
    public var lastError: String?
}

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
