/// The fairness ledger of each pool: what every member received against their share by weight, with
/// what the catch-up policy forgave them, and how evenly the pool's leads were spread.
public struct PoolFairness: Sendable, Hashable {
    public var pool: String
    public var method: DistributionMethod
    public var catchUp: CatchUp
    public var members: [MemberShare]
    /// Gini coefficient of leads received per unit of weight (capacity in a load-balanced pool): 0 when everyone got exactly their share,
    /// towards 1 when one member got everything.
    public var gini: Double

    public var received: Int { members.reduce(0) { $0 + $1.assigned } }
}

/// One member's line in a pool's ledger.
public struct MemberShare: Sendable, Hashable {
    public var owner: String
    public var weight: Int
    /// Leads given through this pool.
    public var assigned: Int
    /// Leads missed while unavailable and forgiven by the catch-up policy.
    public var forgiven: Double
    /// Leads due by weight, out of everything the pool gave out (forgiven shares included).
    public var share: Double
    /// How many leads the member is behind their share (negative: ahead); what catch-up would give back.
    public var behind: Double { share - Double(assigned) - forgiven }
}

public enum Fairness {
    /// Every pool's ledger from stored state. Members who left a pool keep their counts in the store;
    /// only current members are shown, so changing membership never resets anyone.
    /// What a fair share is proportional to: the weight in a weighted pool, capacity in a load-balanced one
    /// (members without one count as the largest, as the picker does), an equal part otherwise.
    static func shareWeight(_ pool: Pool, _ rulebook: Rulebook) -> (String) -> Int {
        let largest = pool.members.compactMap { rulebook.owner($0)?.capacity }.max() ?? 1
        return { id in
            switch pool.method {
            case .weighted: rulebook.owner(id)?.weight ?? 1
            case .loadBalanced: rulebook.owner(id)?.capacity ?? largest
            default: 1
            }
        }
    }

    /// Members new to a pool that has already given out leads start level with their share: what they
    /// would have been due so far is forgiven, so joining never floods them (nor, for everyone else,
    /// starves the pool). Pool -> owner -> thousandths of leads, for every member the ledger has no line
    /// for (zero for a pool with no history, which still records who was there).
    public static func admissions(_ rulebook: Rulebook, _ ledger: PoolLedger) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for pool in rulebook.pools where pool.method != .accountOwner {
            let known = ledger.members[pool.name] ?? []
            let newcomers = pool.members.filter { !known.contains($0) }
            guard !newcomers.isEmpty else { continue }
            let weight = shareWeight(pool, rulebook)
            // Received so far (in thousandths), by the members the ledger knows; solved together as for
            // catch-up: with S the newcomers, x_m = (R + X) w_m / W and X = R w_S / (W - w_S).
            let received = known.reduce(0) { $0 + (ledger.assigned[pool.name]?[$1] ?? 0) * 1_000 + (ledger.excused[pool.name]?[$1] ?? 0) }
            let total = pool.members.reduce(0) { $0 + weight($1) }
            let joining = newcomers.reduce(0) { $0 + weight($1) }
            let all = received > 0 && total > joining ? received * joining / (total - joining) : 0
            out[pool.name] = Dictionary(uniqueKeysWithValues: newcomers.map { ($0, all > 0 ? (received + all) * weight($0) / total : 0) })
        }
        return out
    }

    public static func ledger(_ rulebook: Rulebook, _ ledger: PoolLedger) -> [PoolFairness] {
        rulebook.pools.map { pool in
            let weight = shareWeight(pool, rulebook)
            let rows = pool.members.map { id -> (String, Int, Int, Double) in
                let weight = weight(id)
                return (id, weight, ledger.assigned[pool.name]?[id] ?? 0, Double(ledger.excused[pool.name]?[id] ?? 0) / 1_000)
            }
            let total = rows.reduce(0.0) { $0 + Double($1.2) + $1.3 }
            let weights = rows.reduce(0) { $0 + $1.1 }
            let members = rows.map { id, weight, assigned, forgiven in
                MemberShare(owner: id, weight: weight, assigned: assigned, forgiven: forgiven,
                            share: weights > 0 ? total * Double(weight) / Double(weights) : 0)
            }
            return PoolFairness(pool: pool.name, method: pool.method, catchUp: pool.catchUp, members: members,
                                gini: gini(members.map { Double($0.assigned) / Double(max($0.weight, 1)) }))
        }
    }

    /// The Gini coefficient of `values` (0 = perfectly even; 0 for fewer than two or an all-zero list).
    public static func gini(_ values: [Double]) -> Double { values.count > 1 ? Gini.coefficient(values) ?? 0 : 0 }
}
