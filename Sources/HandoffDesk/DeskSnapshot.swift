import Foundation
import HandoffCore
import HandoffStore

/// Everything the console shows at one moment, read off the UI thread in one go and handed over as a
/// value. Lists are bounded: only what a screen can show (and scroll through) is ever loaded.
public struct DeskSnapshot: Sendable {
    /// The desk's clock when the snapshot was taken.
    public var takenAt: Date
    /// The store's generation it reflects; a newer one means the snapshot is stale.
    public var generation: Int64
    public var rulebookName: String
    public var rulebookVersion: String
    /// The query this snapshot answers (the operator's filter, sorts and windows).
    public var query: SnapshotQuery = SnapshotQuery()
    /// The page of the Incoming list asked for: leads matching the filter, newest first unless sorted.
    public var incoming: [LeadRow]
    /// Where `incoming` starts in the whole list, and how many leads the list holds.
    public var incomingOffset = 0
    public var incomingTotal: Int
    /// True when counting stopped at `SnapshotQuery.countLimit`: there are at least `incomingTotal`.
    public var incomingTotalCapped = false
    /// The page of flagged leads asked for, most urgent first (longest waiting) unless sorted.
    public var exceptions: [LeadRow]
    public var exceptionsOffset = 0
    /// Flagged leads matching the query, beyond the rows loaded.
    public var exceptionsTotal: Int
    /// True when counting stopped at `SnapshotQuery.countLimit` (a filter without an index, on many
    /// leads): there are at least `exceptionsTotal`.
    public var exceptionsTotalCapped: Bool = false
    /// Every owner of the rulebook, in its order.
    public var owners: [OwnerRow]
    /// The page of the log asked for, oldest first unless sorted.
    public var activity: [LeadEvent]
    public var activityOffset = 0
    /// Entries in the log.
    public var activityTotal: Int
    public var counts: StoreCounts
    /// Leads waiting for the router.
    public var queueDepth: Int
    /// Leads received and assigned per minute, oldest first, ending with the current minute.
    public var minutes: [MinuteCount]
    /// Assigned leads past their accept-by time and not accepted.
    public var slaBreaches: Int

    public init(
        takenAt: Date, generation: Int64, rulebookName: String, rulebookVersion: String, incoming: [LeadRow] = [],
        exceptions: [LeadRow] = [], exceptionsTotal: Int? = nil, owners: [OwnerRow] = [], activity: [LeadEvent] = [],
        counts: StoreCounts = StoreCounts(), queueDepth: Int = 0, minutes: [MinuteCount] = [], slaBreaches: Int = 0,
        incomingTotal: Int? = nil, activityTotal: Int? = nil
    ) {
        self.incomingTotal = incomingTotal ?? incoming.count
        self.activityTotal = activityTotal ?? activity.count
        self.takenAt = takenAt
        self.generation = generation
        self.rulebookName = rulebookName
        self.rulebookVersion = rulebookVersion
        self.incoming = incoming
        self.exceptions = exceptions
        self.exceptionsTotal = exceptionsTotal ?? exceptions.count
        self.owners = owners
        self.activity = activity
        self.counts = counts
        self.queueDepth = queueDepth
        self.minutes = minutes
        self.slaBreaches = slaBreaches
    }
}

/// One lead as a table row: the few fields a list shows.
public struct LeadRow: Sendable, Hashable, Identifiable {
    public var id: String
    public var receivedAt: Date
    public var company: String?
    /// First and last name.
    public var name: String?
    public var email: String?
    /// ISO code when known, else the text as received.
    public var country: String?
    public var employees: String?
    public var route: String?
    /// The owner, or for a flagged lead the proposed one.
    public var owner: String?
    public var state: LeadState
    public var reason: ExceptionReason?
    public var version: Int
    public var updatedAt: Date
    /// When the lead breaches its SLA: accept-by for an assigned lead, decide-by for a flagged one.
    public var slaDue: Date?
    /// Who claimed the exception, and when (the Exceptions list's rows only).
    public var claim: Claim?

    public init(
        id: String, receivedAt: Date, company: String? = nil, name: String? = nil, email: String? = nil,
        country: String? = nil, employees: String? = nil, route: String? = nil, owner: String? = nil,
        state: LeadState, reason: ExceptionReason? = nil, version: Int = 1, updatedAt: Date, slaDue: Date? = nil
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.company = company
        self.name = name
        self.email = email
        self.country = country
        self.employees = employees
        self.route = route
        self.owner = owner
        self.state = state
        self.reason = reason
        self.version = version
        self.updatedAt = updatedAt
        self.slaDue = slaDue
    }
}

/// One owner now: load, availability on their own clock, and how their day is going.
public struct OwnerRow: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var zone: String
    /// "Tue 14:05" on the owner's clock.
    public var localTime: String
    public var open: Int
    public var capacity: Int?
    public var availability: Availability
    /// Out-of-office windows, "2026-12-20..2027-01-04", current and future.
    public var outOfOffice: [String]
    /// Leads given to the owner since local midnight (assigned, approved, reassigned to them).
    public var assignedToday: Int
    /// Median seconds from assignment to acceptance over their accepted leads today, if any.
    public var acceptMedian: TimeInterval?
    public var pools: [String]
    /// From the fairness ledger, over the owner's pools: leads given through them and the share due by
    /// weight (forgiven leads count as given); nil when the owner is in no pool that keeps shares.
    public var share: OwnerShare?

    public init(
        id: String, name: String, zone: String, localTime: String, open: Int, capacity: Int?, availability: Availability,
        outOfOffice: [String] = [], assignedToday: Int = 0, acceptMedian: TimeInterval? = nil, pools: [String] = []
    ) {
        self.id = id
        self.name = name
        self.zone = zone
        self.localTime = localTime
        self.open = open
        self.capacity = capacity
        self.availability = availability
        self.outOfOffice = outOfOffice
        self.assignedToday = assignedToday
        self.acceptMedian = acceptMedian
        self.pools = pools
    }
}

/// Leads in and out during one minute.
public struct MinuteCount: Sendable, Hashable {
    public var minute: Date
    /// Leads taken into the store.
    public var received: Int
    /// Leads given to an owner (assigned by the router, approved, reassigned, rerouted).
    public var assigned: Int

    public init(minute: Date, received: Int, assigned: Int) {
        self.minute = minute
        self.received = received
        self.assigned = assigned
    }
}

/// Which rows of a lead list a snapshot carries: a page from an offset in the list's order (or around
/// an anchor lead, or at the list's end), in the list's own order or sorted by a column.
public struct ListWindow: Sendable, Hashable {
    /// Where the page starts in the whole list, when there is no anchor or its lead is no longer listed.
    public var offset: Int
    public var limit: Int
    /// A lead id: the page starts `above` rows before it, wherever the order puts it.
    public var anchor: String?
    public var above: Int
    public var fromEnd: Bool
    public var sort: ListSort?

    public init(offset: Int = 0, limit: Int = 500, anchor: String? = nil, above: Int = 0, fromEnd: Bool = false, sort: ListSort? = nil) {
        self.offset = offset
        self.limit = limit
        self.anchor = anchor
        self.above = above
        self.fromEnd = fromEnd
        self.sort = sort
    }
}

/// What the console asks a snapshot for: the operator's filter and which page of each list it shows.
public struct SnapshotQuery: Sendable, Hashable {
    public var owner: String?
    public var reason: ExceptionReason?
    public var state: LeadState?
    public var country: String?
    public var route: String?
    /// Free text: id, email, company, last name or a note.
    public var text: String?
    public var incoming: ListWindow
    public var exceptions: ListWindow
    public var activity: EventWindow
    /// Where counting a list's leads stops when the filter needs more than the running totals (owner,
    /// country, route or text).
    public var countLimit: Int

    public init(
        owner: String? = nil, reason: ExceptionReason? = nil, state: LeadState? = nil, country: String? = nil,
        route: String? = nil, text: String? = nil, incoming: ListWindow = ListWindow(), exceptions: ListWindow = ListWindow(),
        activity: EventWindow = EventWindow(), countLimit: Int = 10_000
    ) {
        self.owner = owner
        self.reason = reason
        self.state = state
        self.country = country
        self.route = route
        self.text = text
        self.incoming = incoming
        self.exceptions = exceptions
        self.activity = activity
        self.countLimit = countLimit
    }

    /// Whether both ask for the same leads, whatever the pages.
    public func sameFilter(as other: SnapshotQuery) -> Bool {
        owner == other.owner && reason == other.reason && state == other.state && country == other.country
            && route == other.route && text == other.text
    }
}

/// One lead in full, for the detail pane: its record and its history.
public struct LeadDetail: Sendable {
    public var record: LeadRecord
    /// Every event of the lead, oldest first.
    public var events: [LeadEvent]
    /// The claim in force on it (an exception someone works on).
    public var claim: Claim?

    public init(record: LeadRecord, events: [LeadEvent], claim: Claim? = nil) {
        self.record = record
        self.events = events
        self.claim = claim
    }
}

extension OwnerRow {
    func with(share: OwnerShare?) -> OwnerRow {
        var row = self
        row.share = share
        return row
    }
}

/// An owner's leads from the fairness ledger against the share due by weight (forgiven leads count as got).
public struct OwnerShare: Sendable, Hashable {
    public var got: Double
    public var due: Double

    public init(got: Double, due: Double) {
        self.got = got
        self.due = due
    }

    /// Leads behind the share (negative: ahead).
    public var behind: Double { due - got }
}
