import Foundation
import HandoffCore

/// A lead as the store holds it: the raw lead, where it is in its life, and its latest decision.
public struct LeadRecord: Sendable, Hashable {
    public var lead: Lead
    public var state: LeadState
    /// The assigned owner, or for a flagged lead the proposed one.
    public var owner: String?
    public var reason: ExceptionReason?
    public var route: String?
    public var pool: String?
    /// Bumped by every event; commands carry the version they were based on.
    public var version: Int
    public var decision: Decision?
    /// Why the stored decision cannot be read, when there is one that cannot: the lead was decided, but
    /// how is lost. Nil when it reads or there is none.
    public var decisionProblem: String?
    public var updatedAt: Date

    public init(
        lead: Lead, state: LeadState, owner: String? = nil, reason: ExceptionReason? = nil, route: String? = nil, pool: String? = nil,
        version: Int, decision: Decision? = nil, decisionProblem: String? = nil, updatedAt: Date
    ) {
        self.lead = lead
        self.state = state
        self.owner = owner
        self.reason = reason
        self.route = route
        self.pool = pool
        self.version = version
        self.decision = decision
        self.decisionProblem = decisionProblem
        self.updatedAt = updatedAt
    }
}

/// One immutable fact in the handoff log.
public struct LeadEvent: Sendable, Hashable, Codable {
    public var seq: Int64
    public var leadId: String
    public var kind: EventKind
    public var at: Date
    /// `router`, an operator's name, or `owner:ID`.
    public var actor: String
    /// The lead's version after this event.
    public var leadVersion: Int
    public var rulebookVersion: String?
    public var reason: String?
    public var detail: EventDetail

    public init(
        seq: Int64, leadId: String, kind: EventKind, at: Date, actor: String, leadVersion: Int, rulebookVersion: String? = nil,
        reason: String? = nil, detail: EventDetail = EventDetail()
    ) {
        self.seq = seq
        self.leadId = leadId
        self.kind = kind
        self.at = at
        self.actor = actor
        self.leadVersion = leadVersion
        self.rulebookVersion = rulebookVersion
        self.reason = reason
        self.detail = detail
    }
}

/// What an event says beyond its kind.
public struct EventDetail: Sendable, Hashable, Codable {
    public var owner: String?
    public var previousOwner: String?
    public var text: String?
    public var from: LeadState?
    public var to: LeadState?

    public init(owner: String? = nil, previousOwner: String? = nil, text: String? = nil, from: LeadState? = nil, to: LeadState? = nil) {
        self.owner = owner
        self.previousOwner = previousOwner
        self.text = text
        self.from = from
        self.to = to
    }
}

/// A lead arriving at the store, with the key that makes re-imports harmless.
public struct IncomingLead: Sendable {
    public var lead: Lead
    /// External id when the source has one, else a hash of the content.
    public var idempotencyKey: String

    public init(lead: Lead, idempotencyKey: String) {
        self.lead = lead
        self.idempotencyKey = idempotencyKey
    }
}

/// A record that could not be accepted, kept with its place and reason.
public struct QuarantinedRecord: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int?
    public var field: String?
    public var reason: String
    public var raw: String

    public init(file: String, line: Int, column: Int? = nil, field: String?, reason: String, raw: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.reason = reason
        self.raw = raw
    }
}

public struct InsertSummary: Sendable, Hashable {
    public var accepted: Int
    public var alreadyPresent: Int
    public var quarantined: Int
    /// Ids given to the accepted leads, in order (the first 100,000).
    public var ids: [String]

    package init(accepted: Int, alreadyPresent: Int, quarantined: Int, ids: [String]) {
        self.accepted = accepted
        self.alreadyPresent = alreadyPresent
        self.quarantined = quarantined
        self.ids = ids
    }
}

/// A queued lead handed to the router inside a routing batch.
public struct QueuedLead: Sendable {
    public var lead: Lead
    public var version: Int

    package init(lead: Lead, version: Int) {
        self.lead = lead
        self.version = version
    }
}

/// What one routing batch did.
public struct RoutedBatch: Sendable, Hashable {
    public var routed: Int
    public var assigned: Int
    public var flagged: [ExceptionReason: Int]
    public var decisions: [Decision]
    /// The newest log entry when the batch committed (its own events included).
    public var lastEvent: Int64 = 0
    /// The store's generation after the batch's own write.
    public var generation: Int64 = 0

    package init(routed: Int, assigned: Int, flagged: [ExceptionReason: Int], decisions: [Decision], lastEvent: Int64 = 0, generation: Int64 = 0) {
        self.routed = routed
        self.assigned = assigned
        self.flagged = flagged
        self.decisions = decisions
        self.lastEvent = lastEvent
        self.generation = generation
    }
}

/// Where a desk's routing state stands against the store: the newest log entry it has seen and the
/// store's generation after its own last write (anything newer means another writer acted).
public struct RoutingMark: Sendable, Hashable {
    public var event: Int64
    public var generation: Int64

    public init(event: Int64, generation: Int64) {
        self.event = event
        self.generation = generation
    }
}

/// What other writers did since a `RoutingMark`, read inside a routing transaction so nothing they
/// committed before it is missed.
public struct OthersWrites: Sendable {
    /// Leads others routed since the mark's log entry, for duplicate checks.
    public var routed: [Lead]
    /// The stored pool state, when the generation moved on; nil when nobody else wrote.
    public var ledger: PoolLedger?

    public init(routed: [Lead] = [], ledger: PoolLedger? = nil) {
        self.routed = routed
        self.ledger = ledger
    }
}

/// Lead list filters, as `handoff leads` and the console use them.
public struct LeadFilter: Sendable, Hashable {
    public var state: LeadState?
    public var owner: String?
    public var reason: ExceptionReason?
    public var search: String?
    public var limit: Int

    public init(state: LeadState? = nil, owner: String? = nil, reason: ExceptionReason? = nil, search: String? = nil, limit: Int = 50) {
        self.state = state
        self.owner = owner
        self.reason = reason
        self.search = search
        self.limit = limit
    }
}

/// A command refused because the lead moved on since the operator looked at it.
public struct StaleVersion: Error, Sendable, Hashable, CustomStringConvertible {
    public var leadId: String
    public var expected: Int
    public var current: Int
    /// The newest event: what changed, by whom and when.
    public var latest: LeadEvent?

    public init(leadId: String, expected: Int, current: Int, latest: LeadEvent?) {
        self.leadId = leadId
        self.expected = expected
        self.current = current
        self.latest = latest
    }

    public var description: String {
        var text = "\(leadId) changed since you looked at it (version \(expected), now \(current))"
        if let e = latest {
            text += ": \(e.kind.rawValue) by \(e.actor) at \(ISO8601DateFormatter().string(from: e.at))"
            if let owner = e.detail.owner { text += " (owner \(owner))" }
        }
        return text + "; look again and retry"
    }
}

public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownLead(String)
    case illegal(LifecycleError, leadId: String)
    case unknownOwner(String)
    case noProposal(String)
    /// An undo that cannot put the lead back: it moved on to a state the way back does not start from.
    case cannotRestore(String, now: LeadState, to: LeadState)

    public var description: String {
        switch self {
        case .cannotRestore(let id, let now, let to): "\(id) is \(now.rawValue) now and cannot be put back to \(to.rawValue)"
        case .noProposal(let id): "\(id) has no proposed owner to approve; reassign it to someone"
        case .unknownLead(let id): "no lead \(id); `handoff leads --search` finds leads"
        case .illegal(let error, let id): "\(id): \(error)"
        case .unknownOwner(let id): "no owner \(id) in the rulebook; `handoff owners` lists them"
        }
    }
}
