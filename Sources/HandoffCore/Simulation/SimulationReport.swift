import Foundation

/// What a draft rulebook would change over a replay of stored leads, against the rulebook in force
/// replayed the same way: changed leads, load per owner, exception reasons, fairness per pool and
/// coverage. A value, so the CLI prints it, the console shows it and tests compare it.
public struct SimulationReport: Sendable, Hashable {
    /// One side of the comparison.
    public struct Side: Sendable, Hashable {
        public var name: String
        public var version: String
        public var assigned: Int
        public var flagged: Int
    }

    /// An owner's assignments over the replay under each rulebook; nil where the rulebook lacks the owner.
    public struct OwnerLoad: Sendable, Hashable {
        public var owner: String
        public var before: Int?
        public var after: Int?
        public var delta: Int { (after ?? 0) - (before ?? 0) }
    }

    /// Flagged leads with one reason (their first) under each rulebook.
    public struct ReasonCount: Sendable, Hashable {
        public var reason: ExceptionReason
        public var before: Int
        public var after: Int
    }

    /// How evenly a pool shared its leads among its members: the Gini coefficient of the leads each
    /// member was given through the pool (nil when the pool gave none, or the rulebook lacks the pool).
    public struct PoolFairness: Sendable, Hashable {
        public var pool: String
        public var method: DistributionMethod
        public var members: Int
        public var leadsBefore: Int
        public var leadsAfter: Int
        public var before: Double?
        public var after: Double?
    }

    public var before: Side
    public var after: Side
    /// Received times of the first and last lead replayed.
    public var first: Date?
    public var last: Date?
    public var leads: Int
    public var changed: Int
    /// The first changed leads, oldest first (as many as were asked to be kept).
    public var changes: [LeadChange]
    public var owners: [OwnerLoad]
    public var reasons: [ReasonCount]
    public var pools: [PoolFairness]
    /// The draft's active owners who would get no lead at all.
    public var idleOwners: [String]
    /// The draft's pools with hours of the week nobody covers.
    public var uncovered: [PoolGap]

    /// Reasons the draft flags leads for that the rulebook in force did not.
    public var newReasons: [ExceptionReason] { reasons.filter { $0.before == 0 && $0.after > 0 }.map(\.reason) }
    /// Reasons the rulebook in force flagged leads for that the draft never does.
    public var vanishedReasons: [ExceptionReason] { reasons.filter { $0.before > 0 && $0.after == 0 }.map(\.reason) }

    public init(before: Replay, after: Replay, tally: ChangeTally, coverageWeek: Date) {
        let current = before.rulebook, draft = after.rulebook
        self.before = Side(name: current.name, version: current.version, assigned: before.assigned, flagged: before.decided - before.assigned)
        self.after = Side(name: draft.name, version: draft.version, assigned: after.assigned, flagged: after.decided - after.assigned)
        first = tally.first
        last = tally.last
        leads = tally.leads
        changed = tally.changed
        changes = tally.changes

        // Owners: the draft's order, then those only the rulebook in force has.
        var owners: [OwnerLoad] = draft.owners.enumerated().map { i, owner in
            OwnerLoad(owner: owner.id, before: current.ownerIndex[owner.id].map { before.assignedByOwner[$0] }, after: after.assignedByOwner[i])
        }
        for (i, owner) in current.owners.enumerated() where draft.ownerIndex[owner.id] == nil {
            owners.append(OwnerLoad(owner: owner.id, before: before.assignedByOwner[i], after: nil))
        }
        self.owners = owners

        reasons = ExceptionReason.allCases.compactMap { reason in
            let b = before.flaggedByReason[reason] ?? 0, a = after.flaggedByReason[reason] ?? 0
            return a == 0 && b == 0 ? nil : ReasonCount(reason: reason, before: b, after: a)
        }

        func ledger(_ replay: Replay, _ name: String) -> [Int]? {
            replay.rulebook.poolIndex[name].map { replay.context.state.assigned[$0] }
        }
        var pools: [PoolFairness] = []
        let names = draft.pools.map(\.name) + current.pools.map(\.name).filter { draft.poolIndex[$0] == nil }
        for name in names {
            let pool = draft.pool(name) ?? current.pool(name)!
            guard pool.method != .accountOwner else { continue }
            let b = ledger(before, name), a = ledger(after, name)
            pools.append(PoolFairness(
                pool: name, method: pool.method, members: pool.members.count,
                leadsBefore: b?.reduce(0, +) ?? 0, leadsAfter: a?.reduce(0, +) ?? 0,
                before: b.flatMap(Gini.coefficient), after: a.flatMap(Gini.coefficient)
            ))
        }
        self.pools = pools

        idleOwners = draft.owners.enumerated().filter { $0.element.active && after.assignedByOwner[$0.offset] == 0 }.map(\.element.id)
        uncovered = PoolCoverage.gaps(in: draft, weekStarting: coverageWeek)
    }
}
