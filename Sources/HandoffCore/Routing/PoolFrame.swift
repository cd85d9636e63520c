/// What the router reads about one pool's members for every lead, fixed for a rulebook and an
/// availability refresh: members, capacities, weights and who is away, by member position.
///
/// A decision's trace keeps one reference to the frame rather than one to each of these arrays: every
/// reference is retained when the decision is made and released when it is dropped.
final class PoolFrame: Sendable {
    let name: String
    let method: DistributionMethod
    /// Owner index by member position.
    let members: [Int]
    /// By member position: capacity (`Int.max` for none), weight in the pool's shares (the owner's
    /// weight in a weighted pool, else 1), and whether the owner is away now.
    let capacity: [Int]
    let weight: [Int]
    let isAway: [Bool]
    /// By owner index: ids and the first reason each is away (the context's arrays, shared).
    let ids: [String]
    let awayReasons: [PassReason?]
    /// Whether shares decide (weighted, and round robin with a catch-up policy).
    let sharesMatter: Bool
    /// The members' weights summed.
    let totalWeight: Int
    /// Load balanced: owners without a capacity are compared as if they had the pool's largest one.
    let largestCapacity: Int
    /// Thousandths of a lead a member may fall behind their share before the rest is forgiven (nil: no limit).
    let catchUpLimit: Int?
    /// An `account_owner` pool's fallback pool: its name and index (nil when it names no pool).
    let fallbackName: String?
    let fallback: Int?

    init(pool: Pool, members: [Int], roster: Roster, awayFlags: [Bool], awayReasons: [PassReason?], poolIndex: [String: Int]) {
        name = pool.name
        method = pool.method
        self.members = members
        capacity = members.map { roster.capacity[$0] }
        weight = members.map { pool.method == .weighted ? roster.weight[$0] : 1 }
        isAway = members.map { awayFlags[$0] }
        ids = roster.id
        self.awayReasons = awayReasons
        sharesMatter = pool.method == .weighted || (pool.method == .roundRobin && pool.catchUp != .none)
        totalWeight = weight.reduce(0, +)
        var largest = 1
        if pool.method == .loadBalanced {
            for c in capacity where c != Int.max && c > largest { largest = c }
        }
        largestCapacity = largest
        catchUpLimit = pool.catchUp.limitMilli
        fallbackName = pool.fallbackPool
        fallback = pool.fallbackPool.flatMap { poolIndex[$0] }
    }
}
