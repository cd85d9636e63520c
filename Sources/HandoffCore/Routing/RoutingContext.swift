import Foundation

/// Everything the router reads besides the lead: the rulebook, the time, known accounts, recent leads
/// and pool state. A value: deciding never changes it; `apply` records a decision's effects.
public struct RoutingContext: Sendable {
    public let rulebook: Rulebook
    /// The moment decisions are made at. Availability of every owner is worked out once per change.
    public var now: Date { didSet { if now != oldValue { refreshAvailability() } } }
    public var accounts: AccountDirectory
    public var recent: DuplicateIndex
    public var state: RoutingState
    /// Each owner's availability at `now`, by owner index.
    public private(set) var availability: [Availability]
    /// The same as the first reason an owner is passed over, nil for the available.
    private(set) var awayReasons: [PassReason?]
    /// Whether each owner has an away reason, readable without copying the reason.
    private(set) var awayFlags: [Bool]
    /// Each pool's members as the router reads them at `now`, by pool index.
    private(set) var frames: [PoolFrame]
    /// The built-in free-mail domains plus the rulebook's own (a table hashed for short keys: every
    /// lead's email domain is looked up).
    let freeDomains: StringTable<Bool>

    public init(
        rulebook: Rulebook, now: Date, accounts: AccountDirectory = AccountDirectory(),
        recent: DuplicateIndex = DuplicateIndex(), state: RoutingState? = nil
    ) {
        self.rulebook = rulebook
        self.now = now
        self.accounts = accounts
        self.recent = recent
        self.state = state ?? RoutingState(rulebook: rulebook)
        availability = []
        awayReasons = []
        awayFlags = []
        frames = []
        let free = EmailCheck.freeDomains.union(rulebook.readiness.extraFreeEmailDomains)
        var table = StringTable<Bool>(minimumCapacity: free.count)
        for domain in free { table.set(true, for: domain) }
        freeDomains = table
        refreshAvailability()
    }

    private mutating func refreshAvailability() {
        let at = now
        availability = rulebook.owners.map { $0.availability(at: at) }
        awayReasons = availability.map {
            switch $0 {
            case .available: nil
            case .inactive: .inactive
            case .outOfOffice(let until): .outOfOffice(until: until)
            case .holiday(let name, let day): .holiday(name: name, day: day)
            case .paused(let text): .paused(text: text)
            case .offHours(let local, let zone): .offHours(local: local, zone: zone)
            }
        }
        awayFlags = availability.map { $0 != .available }
        frames = zip(rulebook.pools, rulebook.poolMembers).map {
            PoolFrame(pool: $0, members: $1, roster: rulebook.roster, awayFlags: awayFlags, awayReasons: awayReasons, poolIndex: rulebook.poolIndex)
        }
    }

    /// Records a decision: an assignment takes load and moves the pool's turn; every lead is remembered
    /// for duplicate checks.
    public mutating func apply(_ decision: Decision, receivedAt: Date) {
        if decision.isAssigned, let placement = decision.placement { state.assign(placement) }
        if let fingerprint = decision.duplicateFingerprint {
            recent.record(fingerprint: fingerprint, leadId: decision.leadId, receivedAt: receivedAt)
        }
    }

    /// Decides and applies in one step.
    public mutating func route(_ lead: Lead) -> Decision {
        let decision = Router.decide(lead, in: self)
        apply(decision, receivedAt: lead.receivedAt)
        return decision
    }

    /// An owner's lead was accepted or taken away: their open load shrinks.
    public mutating func release(owner: String) {
        if let o = rulebook.ownerTable.value(for: owner) { state.release(owner: o) }
    }
}
