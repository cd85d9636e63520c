import Foundation

/// One rulebook replaying stored leads in the order they were received, with its own simulated pool
/// state: every lead is decided at its receive time (availability worked out once per minute), an
/// assignment holds its owner's load until the lead was closed in the store, and every lead is
/// remembered for duplicate checks. Nothing here reads or writes the store.
public struct Replay: Sendable {
    public private(set) var context: RoutingContext
    private var releases = ReleaseQueue()
    private var minute = Int.min
    /// Leads assigned to each owner over the replay, by owner index.
    public private(set) var assignedByOwner: [Int]
    /// Flagged leads by their first reason.
    public private(set) var flaggedByReason: [ExceptionReason: Int] = [:]
    public private(set) var decided = 0
    public private(set) var assigned = 0

    public var rulebook: Rulebook { context.rulebook }

    /// Starts from empty pool state (no open load, every turn at the first member) with `accounts`.
    public init(rulebook: Rulebook, accounts: AccountDirectory, expectedLeads: Int = 0) {
        context = RoutingContext(
            rulebook: rulebook, now: Date(timeIntervalSince1970: 0), accounts: accounts,
            recent: DuplicateIndex(minimumCapacity: expectedLeads)
        )
        assignedByOwner = Array(repeating: 0, count: rulebook.owners.count)
    }

    /// Remembers a lead received before the replay starts, so leads early in it can be its duplicates.
    public mutating func remember(_ lead: NormalizedLead) {
        let policy = context.rulebook.duplicates
        if let key = DuplicateIndex.key(of: lead, on: policy.matchOn, facts: LeadFacts()) {
            context.recent.record(key: key, leadId: lead.id, receivedAt: lead.receivedAt)
        }
    }

    /// Decides the next lead (leads must come oldest first) and records its effects.
    public mutating func decide(_ item: ReplayLead) -> Decision {
        let received = item.lead.receivedAt.timeIntervalSince1970
        let leadMinute = Int((received / 60).rounded(.down))
        if leadMinute != minute {
            minute = leadMinute
            context.now = Date(timeIntervalSince1970: Double(leadMinute) * 60)
        }
        if !releases.isEmpty {
            // Moved out while the state changes, so neither is copied.
            var queue = ReleaseQueue()
            swap(&queue, &releases)
            queue.popDue(upTo: received) { context.state.release(owner: $0) }
            swap(&queue, &releases)
        }
        let decision = Router.decide(normalized: item.lead, in: context)
        context.apply(decision, receivedAt: item.lead.receivedAt)
        decided += 1
        if decision.isAssigned, let placement = decision.placement {
            assigned += 1
            assignedByOwner[placement.owner] += 1
            if let closed = item.closedAt { releases.push(at: max(closed.timeIntervalSince1970, received), owner: placement.owner) }
        } else if let reason = decision.reason {
            flaggedByReason[reason, default: 0] += 1
        }
        return decision
    }
}
