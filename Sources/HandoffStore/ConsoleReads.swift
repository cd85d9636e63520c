import Foundation
import HandoffCore

/// Which leads a console list shows and in what order. Every filter is optional; they combine with AND.
public struct LeadListQuery: Sendable, Hashable {
    public enum Order: Sendable, Hashable {
        /// Newest lead first (by arrival in the store).
        case newest
        /// Flagged leads only, the one flagged longest ago first (its SLA counts from then), then the
        /// oldest (received first). Any `state` filter is ignored.
        case longestFlagged
    }

    public var state: LeadState?
    public var owner: String?
    public var reason: ExceptionReason?
    /// ISO country code, as the store normalizes it ("DE").
    public var country: String?
    public var route: String?
    /// Free text, as `LeadFilter.search`: the id or external id exactly, or part of the email, company
    /// or last name.
    public var text: String?
    public var order: Order
    public var limit: Int

    public init(
        state: LeadState? = nil, owner: String? = nil, reason: ExceptionReason? = nil, country: String? = nil,
        route: String? = nil, text: String? = nil, order: Order = .newest, limit: Int = 500
    ) {
        self.state = state
        self.owner = owner
        self.reason = reason
        self.country = country
        self.route = route
        self.text = text
        self.order = order
        self.limit = limit
    }
}

extension LeadListQuery {
    /// Whether both select the same leads, whatever their order and limit.
    public func sameLeads(as other: LeadListQuery) -> Bool {
        let flagged = order == .longestFlagged, otherFlagged = other.order == .longestFlagged
        return (flagged ? .flagged : state) == (otherFlagged ? .flagged : other.state) && owner == other.owner && reason == other.reason
            && country == other.country && route == other.route && text == other.text
    }
}

/// The few fields of a lead a list shows; no decision, no raw attributes.
public struct LeadSummary: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var receivedAt: Date
    public var company: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    /// The ISO code when the store could read the country, else the text as received.
    public var country: String?
    public var employees: String?
    public var route: String?
    public var owner: String?
    public var state: LeadState
    public var reason: ExceptionReason?
    public var version: Int
    /// The time of the lead's newest log entry.
    public var updatedAt: Date

    public init(
        seq: Int64, id: String, receivedAt: Date, company: String? = nil, firstName: String? = nil, lastName: String? = nil,
        email: String? = nil, country: String? = nil, employees: String? = nil, route: String? = nil, owner: String? = nil,
        state: LeadState, reason: ExceptionReason? = nil, version: Int, updatedAt: Date
    ) {
        self.seq = seq
        self.id = id
        self.receivedAt = receivedAt
        self.company = company
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.country = country
        self.employees = employees
        self.route = route
        self.owner = owner
        self.state = state
        self.reason = reason
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// One log entry reduced to what running tallies need, with the two facts about the lead's past that
/// the entry alone does not say.
public struct EventFact: Sendable, Hashable {
    public var seq: Int64
    public var leadId: String
    public var kind: EventKind
    public var at: Date
    /// The owner the entry names: the new one for an assignment, the one who accepted.
    public var owner: String?
    public var from: LeadState?
    public var to: LeadState?
    /// The reason code the entry gives (for `flagged`, the exception reason).
    public var reason: String?
    /// For an acceptance: when the lead was last given to an owner (assigned, approved, reassigned, rerouted).
    public var assignedAt: Date?
    /// For an entry that takes a lead out of `flagged`: the reason it had been flagged with.
    public var flaggedReason: ExceptionReason?

    public init(
        seq: Int64, leadId: String, kind: EventKind, at: Date, owner: String? = nil, from: LeadState? = nil,
        to: LeadState? = nil, reason: String? = nil, assignedAt: Date? = nil, flaggedReason: ExceptionReason? = nil
    ) {
        self.seq = seq
        self.leadId = leadId
        self.kind = kind
        self.at = at
        self.owner = owner
        self.from = from
        self.to = to
        self.reason = reason
        self.assignedAt = assignedAt
        self.flaggedReason = flaggedReason
    }

    /// The event kinds that give a lead to an owner.
    public static let assignmentKinds: Set<EventKind> = [.assigned, .approved, .reassigned, .rerouted]
    /// Those, and acceptance.
    public static let handoffKinds: Set<EventKind> = assignmentKinds.union([.accepted])
}

/// An assigned lead its owner has not accepted yet.
public struct OpenAssignment: Sendable, Hashable {
    public var leadId: String
    public var owner: String?
    /// The time of the lead's newest log entry: its accept-by time counts from here.
    public var since: Date

    public init(leadId: String, owner: String?, since: Date) {
        self.leadId = leadId
        self.owner = owner
        self.since = since
    }
}

/// Where running tallies start, read in one transaction: totals and open assignments as of log entry
/// `latestEvent`, the day's handoffs, and arrivals per minute for the activity chart.
public struct ConsoleBaseline: Sendable {
    public var counts: StoreCounts
    public var open: [OpenAssignment]
    /// Entries that gave a lead to an owner or recorded an acceptance (kinds `EventFact.handoffKinds`),
    /// stamped at or after the time asked for, oldest first.
    public var handoffs: [EventFact]
    /// Leads taken in during each minute asked for, oldest first.
    public var receivedPerMinute: [Int]
    /// The newest entries in full, oldest first (at most the number asked for).
    public var recent: [LeadEvent]
    public var latestEvent: Int64
    public var generation: Int64

    public init(
        counts: StoreCounts, open: [OpenAssignment], handoffs: [EventFact], receivedPerMinute: [Int], recent: [LeadEvent],
        latestEvent: Int64, generation: Int64
    ) {
        self.counts = counts
        self.open = open
        self.handoffs = handoffs
        self.receivedPerMinute = receivedPerMinute
        self.recent = recent
        self.latestEvent = latestEvent
        self.generation = generation
    }
}

/// What a console refresh reads, all in one transaction so lists and tallies agree.
public struct ConsoleRequest: Sendable, Hashable {
    /// Entries after this one are returned as facts.
    public var afterEvent: Int64
    /// At most this many facts; when more are waiting, `ConsoleReadout.factsComplete` is false and the
    /// reader should start again from a baseline.
    public var factLimit: Int
    /// The newest entries after `afterEvent` to return in full, at most.
    public var recentEvents: Int
    public var lists: [LeadListQuery]
    /// Queries whose matching leads are counted, each up to its `limit` (order does not matter).
    public var counts: [LeadListQuery]

    public init(afterEvent: Int64, factLimit: Int = 200_000, recentEvents: Int = 500, lists: [LeadListQuery] = [], counts: [LeadListQuery] = []) {
        self.afterEvent = afterEvent
        self.factLimit = factLimit
        self.recentEvents = recentEvents
        self.lists = lists
        self.counts = counts
    }
}

public struct ConsoleReadout: Sendable {
    public var facts: [EventFact]
    /// False when more than `factLimit` entries were waiting: `facts` is then empty.
    public var factsComplete: Bool
    /// The newest entries after `afterEvent` in full, oldest first.
    public var recent: [LeadEvent]
    /// One list per query, in the order asked.
    public var lists: [[LeadSummary]]
    /// One count per counted query, never above its limit.
    public var counts: [Int]
    /// Open (assigned, not accepted) leads per owner.
    public var openLoad: [String: Int]
    public var quarantined: Int
    public var latestEvent: Int64
    public var generation: Int64

    public init(
        facts: [EventFact], factsComplete: Bool, recent: [LeadEvent], lists: [[LeadSummary]], counts: [Int],
        openLoad: [String: Int], quarantined: Int, latestEvent: Int64, generation: Int64
    ) {
        self.facts = facts
        self.factsComplete = factsComplete
        self.recent = recent
        self.lists = lists
        self.counts = counts
        self.openLoad = openLoad
        self.quarantined = quarantined
        self.latestEvent = latestEvent
        self.generation = generation
    }
}
