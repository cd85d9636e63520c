import Foundation
import HandoffCore

/// The delivery log (the outbox of webhooks and CRM write-backs), as a capability of a store.
///
/// The handoff log itself is the outbox: every target keeps a cursor, the last log entry it took.
/// `takeDeliveries` turns the entries after it into deliveries and moves the cursor on in one
/// transaction, so a crash can neither lose a delivery (the cursor moves only with the rows it
/// covers) nor invent one (a delivery exists only for an entry that was committed).
public protocol DeliveryStore: Sendable {
    /// Gives each target not seen before a cursor at the newest entry: a new endpoint hears of what
    /// happens from now on, not of the whole history. Targets already known keep their place.
    func registerDeliveryTargets(_ targets: [String]) throws
    /// Reads up to `limit` log entries after the targets' cursors that report a handback event, asks
    /// `plan` what each target should get for each (nil: nothing), stores those deliveries and moves
    /// the cursors past every entry read, all in one transaction. The number of deliveries made.
    func takeDeliveries(targets: [String], limit: Int, at: Date, plan: (String, HandbackEntry) throws -> DeliveryPlan?) throws -> Int
    /// Pending deliveries whose time has come and that wait for no earlier delivery of the same lead to
    /// the same target, oldest due first; `excluding` those in flight.
    func dueDeliveries(targets: [String], at: Date, excluding: Set<Int64>, limit: Int) throws -> [StoredDelivery]
    /// When the next pending delivery to one of `targets` is due, if any is.
    func nextDeliveryDue(targets: [String]) throws -> Date?
    /// Records attempts and their outcomes, in one transaction.
    func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) throws
    /// Deliveries newest first: all, or only the dead-lettered ones.
    func deliveries(failedOnly: Bool, limit: Int) throws -> [StoredDelivery]
    func delivery(_ id: Int64) throws -> StoredDelivery?
    /// Every attempt at one delivery, oldest first.
    func deliveryAttempts(_ id: Int64) throws -> [DeliveryAttemptRecord]
    /// Puts dead-lettered deliveries back in line, due at `at`, with a fresh round of attempts: the ones
    /// named, or every one with nil. The ids put back (a named one that is not dead-lettered is not).
    func retryDeliveries(_ ids: [Int64]?, at: Date) throws -> [Int64]
    /// How many deliveries are in each status.
    func deliveryCounts() throws -> [DeliveryStatus: Int]
}

/// A log entry that reports a handback event, with the lead as it is stored.
public struct HandbackEntry: Sendable {
    public var event: LeadEvent
    public var handback: HandbackEvent
    public var lead: Lead
    public var state: LeadState

    public init(event: LeadEvent, handback: HandbackEvent, lead: Lead, state: LeadState) {
        self.event = event
        self.handback = handback
        self.lead = lead
        self.state = state
    }
}

/// What one target is to get for one entry: a body to send, or a delivery recorded as skipped (why).
public struct DeliveryPlan: Sendable, Hashable {
    public var body: String
    public var owner: String?
    /// For a CRM, the record's path under the CRM's base URL; nil for a webhook (its URL is the target's).
    public var path: String?
    public var skipped: String?

    public init(body: String, owner: String?, path: String? = nil, skipped: String? = nil) {
        self.body = body
        self.owner = owner
        self.path = path
        self.skipped = skipped
    }
}

public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for its turn or its next attempt.
    case pending
    case delivered
    /// Every attempt failed, or the target refused it for good: waits for `handoff deliveries --retry`.
    case dead
    /// Nothing to send (an owner without a CRM id): recorded with the reason.
    case skipped
}

public struct StoredDelivery: Sendable, Hashable {
    public var id: Int64
    public var target: String
    public var leadId: String
    /// The log entry it reports.
    public var eventSeq: Int64
    /// `lead.assigned`, ...
    public var event: String
    public var owner: String?
    public var path: String?
    public var body: String
    public var status: DeliveryStatus
    /// Every attempt made; `roundAttempts` those since it was last put back in line.
    public var attempts: Int
    public var roundAttempts: Int
    public var createdAt: Date
    public var nextAt: Date?
    public var updatedAt: Date
    /// The last answer's HTTP status, when there was one.
    public var lastCode: Int?
    /// Why the last attempt failed, why it was dead-lettered, or why it was skipped.
    public var lastError: String?

    public init(
        id: Int64, target: String, leadId: String, eventSeq: Int64, event: String, owner: String?, path: String? = nil, body: String,
        status: DeliveryStatus, attempts: Int, roundAttempts: Int, createdAt: Date, nextAt: Date?, updatedAt: Date,
        lastCode: Int?, lastError: String?
    ) {
        self.id = id
        self.target = target
        self.leadId = leadId
        self.eventSeq = eventSeq
        self.event = event
        self.owner = owner
        self.path = path
        self.body = body
        self.status = status
        self.attempts = attempts
        self.roundAttempts = roundAttempts
        self.createdAt = createdAt
        self.nextAt = nextAt
        self.updatedAt = updatedAt
        self.lastCode = lastCode
        self.lastError = lastError
    }
}

/// One attempt and what it leads to.
public struct DeliveryAttempt: Sendable, Hashable {
    public enum Next: Sendable, Hashable {
        case delivered
        case retry(at: Date)
        case dead
    }

    public var delivery: Int64
    public var at: Date
    public var code: Int?
    public var error: String?
    public var seconds: Double
    public var next: Next

    public init(delivery: Int64, at: Date, code: Int?, error: String?, seconds: Double, next: Next) {
        self.delivery = delivery
        self.at = at
        self.code = code
        self.error = error
        self.seconds = seconds
        self.next = next
    }
}

/// An attempt as the log keeps it.
public struct DeliveryAttemptRecord: Sendable, Hashable {
    public var attempt: Int
    public var at: Date
    public var code: Int?
    public var error: String?
    public var seconds: Double

    package init(attempt: Int, at: Date, code: Int? = nil, error: String? = nil, seconds: Double) {
        self.attempt = attempt
        self.at = at
        self.code = code
        self.error = error
        self.seconds = seconds
    }
}

/// A target was asked for deliveries before it had a cursor (`registerDeliveryTargets` first).
public struct DeliveryTargetUnknown: Error, Sendable, CustomStringConvertible {
    public var target: String

    package init(target: String) {
        self.target = target
    }
    public var description: String { "the delivery target '\(target)' has no place in the log yet" }
}
