/// One pool's members as the router judged them for one lead: loads, shares and turn at that moment,
/// and who won. It picks the owner, and afterwards says why each other member was passed over.
///
/// The trace keeps the standing rather than a verdict per member: the verdicts are worked out when the
/// trace is read (shown, compared, stored), from the same numbers the choice was made on, by the same
/// comparisons. Ties break as documented in docs/RULEBOOK.md: round robin by turn order, weighted by
/// how far a member is behind their share then member order, load balanced by the lower open /
/// capacity then fewer open leads then member order.
struct PoolStanding: Sendable {
    let method: DistributionMethod
    /// Owner index by member position (the rulebook's array, shared).
    let members: [Int]
    /// Open leads by member position, as they were.
    let loads: [Int]
    /// Capacity (`Int.max` for none) and weight by owner index (the roster's arrays, shared).
    let capacity: [Int]
    let weights: [Int]
    /// Whether each owner was away, by owner index (the routing context's array, shared).
    let isAway: [Bool]
    /// Leads given and thousandths forgiven through the pool by member position (the routing state's
    /// arrays: an assignment afterwards copies the state's array, it does not change these).
    let given: [Int]
    let forgiven: [Int]
    /// Whether shares decide (weighted, and round robin with a catch-up policy).
    let sharesMatter: Bool
    /// Leads received in thousandths and weights, summed over the members.
    let share: (received: Int, weight: Int)
    /// Round robin: the member position whose turn it was.
    let start: Int
    /// Load balanced: owners without a capacity are compared as if they had the pool's largest one.
    let largestCapacity: Int
    /// The winning member position (-1: nobody could take the lead) and its score.
    private(set) var best = -1
    private(set) var bestScore = (0, 0)
    /// True when every member was passed over for capacity alone.
    private(set) var capacityOnly: Bool

    init(
        method: DistributionMethod, members: [Int], openLoad: [Int], roster: Roster, isAway: [Bool],
        given: [Int], forgiven: [Int], cursor: Int, catchUp: CatchUp
    ) {
        self.method = method
        self.members = members
        loads = members.map { openLoad[$0] }
        capacity = roster.capacity
        weights = roster.weight
        self.isAway = isAway
        self.given = given
        self.forgiven = forgiven
        let n = members.count
        sharesMatter = method == .weighted || (method == .roundRobin && catchUp != .none)
        var totals = (received: 0, weight: 0)
        if sharesMatter {
            for pos in 0..<n {
                totals.received += given[pos] * 1_000 + forgiven[pos]
                totals.weight += method == .weighted ? roster.weight[members[pos]] : 1
            }
        }
        share = totals
        start = method == .roundRobin && n > 0 ? cursor % n : 0
        var largest = 1
        if method == .loadBalanced {
            for o in members where roster.capacity[o] != Int.max && roster.capacity[o] > largest { largest = roster.capacity[o] }
        }
        largestCapacity = largest
        capacityOnly = n > 0
        pick()
    }

    /// Who can take the lead, and who of them wins (the winner's score kept, not worked out again).
    private mutating func pick() {
        for pos in members.indices {
            let o = members[pos]
            if isAway[o] { capacityOnly = false; continue }
            if loads[pos] >= capacity[o] { continue }
            if method == .loadBalanced {
                if best < 0 || lighter(pos, than: best) == true { best = pos }
            } else {
                let s = score(pos)
                if best < 0 || s < bestScore { best = pos; bestScore = s }
            }
        }
        if best >= 0 { capacityOnly = false }
    }

    /// Leads received through the pool in thousandths, counting what the catch-up policy forgave.
    @inline(__always) func received(_ pos: Int) -> Int { given[pos] * 1_000 + forgiven[pos] }
    /// A member's weight in the pool's shares (round robin: equal weights).
    @inline(__always) func weight(_ pos: Int) -> Int { method == .weighted ? weights[members[pos]] : 1 }

    /// How far behind their share of the next lead a member is, times the pool's total weight.
    @inline(__always) private func behind(_ pos: Int) -> Int { (share.received + 1_000) * weight(pos) - share.weight * received(pos) }

    /// The method's score for an eligible member: lower wins, ties go to the earlier position.
    @inline(__always) private func score(_ pos: Int) -> (Int, Int) {
        switch method {
        case .roundRobin:
            // Catching up: a member more than a whole lead behind goes before the turn, the furthest first.
            if sharesMatter, behind(pos) > 1_000 * share.weight { return (-behind(pos), 0) }
            let n = members.count
            return ((pos - start + n) % n, 0)
        case .weighted: return (-behind(pos), 0)
        default: return (0, 0)
        }
    }

    /// Load balanced: open / capacity compared by cross-multiplying; nil when exactly tied.
    @inline(__always) private func lighter(_ a: Int, than b: Int) -> Bool? {
        let ca = capacity[members[a]] == Int.max ? largestCapacity : capacity[members[a]]
        let cb = capacity[members[b]] == Int.max ? largestCapacity : capacity[members[b]]
        let la = loads[a], lb = loads[b]
        if la * cb != lb * ca { return la * cb < lb * ca }
        if la != lb { return la < lb }
        return nil
    }

    /// The member at `pos` as a candidate: open load, capacity, and the first reason they were passed over.
    func candidate(_ pos: Int) -> (owner: Int, open: Int, capacity: Int?, verdict: CandidateList.Verdict) {
        let o = members[pos]
        let open = loads[pos], cap = capacity[o]
        let shownCapacity = cap == Int.max ? nil : cap
        let verdict: CandidateList.Verdict
        if isAway[o] {
            verdict = .away
        } else if open >= cap {
            verdict = .atCapacity(open: open, capacity: cap)
        } else if pos == best {
            verdict = .chosen
        } else {
            switch method {
            case .roundRobin:
                verdict = score(pos).0 < 0 || bestScore.0 < 0 ? .aheadOfShare(assigned: given[pos], weight: 1) : .notNextInTurn
            case .weighted:
                verdict = score(pos) == bestScore ? .tiedLaterInOrder : .aheadOfShare(assigned: given[pos], weight: weights[o])
            case .loadBalanced, .accountOwner:
                verdict = lighter(pos, than: best) == nil ? .tiedLaterInOrder : .higherLoad(open: open, capacity: shownCapacity)
            }
        }
        return (o, open, shownCapacity, verdict)
    }
}
