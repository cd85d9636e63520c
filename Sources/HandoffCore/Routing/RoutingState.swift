/// The mutable part of routing: open load per owner, each pool's turn, and how many leads each member of
/// each pool has been given (the fairness ledger). Indexed by the rulebook's positions for speed;
/// `PoolLedger` is the same by names, for storage.
public struct RoutingState: Sendable, Hashable {
    /// Open (assigned, not accepted) leads per owner index.
    public var openLoad: [Int]
    /// Per pool: the member position to try first (round robin).
    public var cursors: [Int]
    /// Per pool, per member position: leads assigned through this pool.
    public var assigned: [[Int]]
    /// Per pool, per member position: thousandths of leads missed while unavailable and forgiven by the
    /// pool's catch-up policy; they count as received when shares are compared.
    public var excused: [[Int]]

    public init(rulebook: Rulebook) {
        openLoad = Array(repeating: 0, count: rulebook.owners.count)
        cursors = Array(repeating: 0, count: rulebook.pools.count)
        assigned = rulebook.poolMembers.map { Array(repeating: 0, count: $0.count) }
        excused = assigned
    }

    /// Restores state saved by names; owners and pools the rulebook no longer has are dropped, new ones
    /// start at zero, and a round-robin turn continues after the last owner assigned.
    public init(rulebook: Rulebook, ledger: PoolLedger) {
        self.init(rulebook: rulebook)
        for (owner, load) in ledger.openLoad { if let i = rulebook.ownerIndex[owner] { openLoad[i] = load } }
        for (p, pool) in rulebook.pools.enumerated() {
            if let last = ledger.lastAssigned[pool.name], let pos = pool.members.firstIndex(of: last) {
                cursors[p] = (pos + 1) % max(pool.members.count, 1)
            }
            if let counts = ledger.assigned[pool.name] {
                for (pos, member) in pool.members.enumerated() { assigned[p][pos] = counts[member] ?? 0 }
            }
            if let counts = ledger.excused[pool.name] {
                for (pos, member) in pool.members.enumerated() { excused[p][pos] = counts[member] ?? 0 }
            }
        }
    }

    /// The same state by names.
    public func ledger(rulebook: Rulebook) -> PoolLedger {
        var ledger = PoolLedger()
        for (i, owner) in rulebook.owners.enumerated() where openLoad[i] != 0 { ledger.openLoad[owner.id] = openLoad[i] }
        for (p, pool) in rulebook.pools.enumerated() {
            let members = pool.members
            if !members.isEmpty, assigned[p].contains(where: { $0 > 0 }) {
                ledger.lastAssigned[pool.name] = members[(cursors[p] + members.count - 1) % members.count]
                ledger.assigned[pool.name] = Dictionary(uniqueKeysWithValues: zip(members, assigned[p]).filter { $0.1 > 0 })
            }
            if excused[p].contains(where: { $0 > 0 }) {
                ledger.excused[pool.name] = Dictionary(uniqueKeysWithValues: zip(members, excused[p]).filter { $0.1 > 0 })
            }
        }
        return ledger
    }

    /// Records an assignment: the owner's load grows, the pool's turn moves past them, the ledger counts it.
    mutating func assign(_ placement: Placement) {
        openLoad[placement.owner] += 1
        if placement.pool >= 0 {
            cursors[placement.pool] = (placement.member + 1) % max(assigned[placement.pool].count, 1)
            assigned[placement.pool][placement.member] += 1
            for excuse in placement.excused { excused[placement.pool][excuse.member] += excuse.milli }
        }
    }

    /// An open lead was accepted, re-assigned away or closed: the owner's load shrinks.
    public mutating func release(owner: Int) {
        if openLoad[owner] > 0 { openLoad[owner] -= 1 }
    }
}

/// Routing state by owner and pool names, as it is stored.
public struct PoolLedger: Sendable, Hashable, Codable {
    public var openLoad: [String: Int] = [:]
    /// Pool name -> owner id last assigned through it.
    public var lastAssigned: [String: String] = [:]
    /// Pool name -> owner id -> leads assigned through the pool.
    public var assigned: [String: [String: Int]] = [:]
    /// Pool name -> owner id -> thousandths of leads forgiven by the pool's catch-up policy.
    public var excused: [String: [String: Int]] = [:]
    /// Pool name -> every owner the ledger has a line for (members now or before), so a member added to a
    /// pool can be told from one who never got a lead.
    public var members: [String: Set<String>] = [:]
    public init() {}
}
