import Foundation
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

    package init(seq: Int64, leadId: String, event: Int64, notice: Notice, createdAt: Date, deliveredAt: Date? = nil, attempts: Int, lastError: String? = nil) {
        self.seq = seq
        self.leadId = leadId
        self.event = event
        self.notice = notice
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.attempts = attempts
        self.lastError = lastError
    }
}
