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
    /// A column to order by instead of `order`'s own (which still picks the leads and breaks ties).
    public var sort: ListSort?
    /// Rows of the ordered list to skip (also when the anchor lead is no longer listed).
    public var offset: Int
    /// A lead id: the page starts `above` rows before this lead wherever the order puts it (the
    /// operator's cursor across a new sort or a list that moved). When the lead no longer matches,
    /// the page starts at `offset`.
    public var anchor: String?
    public var above: Int
    /// The last `limit` rows, whatever `offset` says (the end of the list, G).
    public var fromEnd: Bool
    public var limit: Int
    /// The number of matching leads when the caller knows it (from running totals), so it is not counted.
    public var total: Int?

    public init(
        state: LeadState? = nil, owner: String? = nil, reason: ExceptionReason? = nil, country: String? = nil,
        route: String? = nil, text: String? = nil, order: Order = .newest, sort: ListSort? = nil, offset: Int = 0,
        anchor: String? = nil, above: Int = 0, fromEnd: Bool = false, limit: Int = 500, total: Int? = nil
    ) {
        self.above = above
        self.total = total
        self.state = state
        self.owner = owner
        self.reason = reason
        self.country = country
        self.route = route
        self.text = text
        self.order = order
        self.sort = sort
        self.offset = offset
        self.anchor = anchor
        self.fromEnd = fromEnd
        self.limit = limit
    }
}

/// A column a list is ordered by: missing values last, ties in the list's own order.
public struct ListSort: Sendable, Hashable {
    /// A lead field (`LeadListQuery.sortFields`) or, for the log, an entry field (`EventWindow.sortFields`).
    public var field: String
    public var descending: Bool

    public init(_ field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }
}

/// One page of a list: where it starts in the whole ordered list, and its rows.
public struct ListPage<Row: Sendable & Hashable>: Sendable, Hashable {
    public var offset: Int
    public var rows: [Row]
    /// Every row the list holds (counted up to the query's count limit, see `capped`).
    public var total: Int
    /// True when counting stopped at the limit: the list holds at least `total` rows.
    public var capped: Bool

    public init(offset: Int, rows: [Row], total: Int, capped: Bool = false) {
        self.offset = offset
        self.rows = rows
        self.total = total
        self.capped = capped
    }
}

/// A page of the log for the activity list, oldest first unless sorted.
public struct EventWindow: Sendable, Hashable {
    public var offset: Int
    public var limit: Int
    public var fromEnd: Bool
    public var sort: ListSort?

    public init(offset: Int = 0, limit: Int = 500, fromEnd: Bool = true, sort: ListSort? = nil) {
        self.offset = offset
        self.limit = limit
        self.fromEnd = fromEnd
        self.sort = sort
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
    /// Each list's matching leads are counted up to this many (a filter without an index, on many leads).
    public var countLimit: Int
    /// The page of the log the activity list shows, if any.
    public var events: EventWindow?

    public init(
        afterEvent: Int64, factLimit: Int = 200_000, recentEvents: Int = 500, lists: [LeadListQuery] = [], countLimit: Int = 10_000,
        events: EventWindow? = nil
    ) {
        self.afterEvent = afterEvent
        self.factLimit = factLimit
        self.recentEvents = recentEvents
        self.lists = lists
        self.countLimit = countLimit
        self.events = events
    }
}

public struct ConsoleReadout: Sendable {
    public var facts: [EventFact]
    /// False when more than `factLimit` entries were waiting: `facts` is then empty.
    public var factsComplete: Bool
    /// The newest entries after `afterEvent` in full, oldest first.
    public var recent: [LeadEvent]
    /// One page per list asked for, in the order asked, with the list's count.
    public var lists: [ListPage<LeadSummary>]
    /// The page of the log asked for (empty when none was).
    public var events: ListPage<LeadEvent>
    /// Open (assigned, not accepted) leads per owner.
    public var openLoad: [String: Int]
    public var quarantined: Int
    public var latestEvent: Int64
    public var generation: Int64

    public init(
        facts: [EventFact], factsComplete: Bool, recent: [LeadEvent], lists: [ListPage<LeadSummary>],
        events: ListPage<LeadEvent> = ListPage(offset: 0, rows: [], total: 0), openLoad: [String: Int], quarantined: Int, latestEvent: Int64, generation: Int64
    ) {
        self.facts = facts
        self.factsComplete = factsComplete
        self.recent = recent
        self.lists = lists
        self.events = events
        self.openLoad = openLoad
        self.quarantined = quarantined
        self.latestEvent = latestEvent
        self.generation = generation
    }
}
