/// Picks an owner from a pool by its distribution method, recording every member considered.
///
/// Ties always break the same way (documented in docs/RULEBOOK.md): round robin by turn order,
/// weighted by how far a member is behind their share then member order, load balanced by the lower
/// open / capacity then fewer open leads then member order.
/// (An extension of the context, not a separate value, so picking never copies the rulebook.)
extension RoutingContext {
    struct PickOutcome {
        var placement: Placement?
        /// The pool that made the final choice (differs after an account-owner handover).
        var finalPool: Int
        /// True when every member was passed over for capacity alone.
        var capacityOnly: Bool
    }

    func choose(pool p: Int, facts: LeadFacts, steps: inout [TraceStep], inputs: inout DecisionInputs, depth: Int = 0) -> PickOutcome {
        let method = rulebook.pools[p].method
        if method == .accountOwner { return accountOwner(pool: p, facts: facts, steps: &steps, inputs: &inputs, depth: depth) }
        // The arrays are shared with the routing state, not copied: recording them costs a reference.
        inputs.append(PoolInput(pool: rulebook.pools[p].name, cursor: state.cursors[p], assigned: state.assigned[p], excused: state.excused[p]))

        // Flat arrays read once: the loop below runs for every member of the pool on every lead.
        let members = rulebook.poolMembers[p]
        let roster = rulebook.roster
        let loads = state.openLoad
        let given = state.assigned[p]
        let forgiven = state.excused[p]
        let catchUp = rulebook.pools[p].catchUp
        let isAway = awayFlags
        let n = members.count
        var candidates = CandidateList(ids: roster.id, awayReasons: awayReasons, capacity: n)
        var capacityOnly = n > 0
        // Owners without a capacity are compared as if they had the pool's largest one.
        var largest = 1
        if method == .loadBalanced {
            for o in members where roster.capacity[o] != Int.max && roster.capacity[o] > largest { largest = roster.capacity[o] }
        }
        let largestCapacity = largest
        // Shares: what each member received through the pool so far, in thousandths of a lead, counting
        // what the catch-up policy forgave them, against their weight (round robin: equal weights).
        let sharesMatter = method == .weighted || (method == .roundRobin && catchUp != .none)
        @inline(__always) func received(_ pos: Int) -> Int { given[pos] * 1_000 + forgiven[pos] }
        @inline(__always) func weight(_ pos: Int) -> Int { method == .weighted ? roster.weight[members[pos]] : 1 }
        var totals = (received: 0, weight: 0)
        if sharesMatter {
            for pos in 0..<n { totals.received += received(pos); totals.weight += weight(pos) }
        }
        let share = totals
        /// How far behind their share of the next lead a member is, times the pool's total weight.
        @inline(__always) func behind(_ pos: Int) -> Int { (share.received + 1_000) * weight(pos) - share.weight * received(pos) }
        let start = method == .roundRobin && n > 0 ? state.cursors[p] % n : 0

        // The method's score for an eligible member: lower wins, ties go to the earlier position.
        @inline(__always) func score(_ pos: Int) -> (Int, Int) {
            switch method {
            case .roundRobin:
                // Catching up: a member more than a whole lead behind goes before the turn, the furthest first.
                if sharesMatter, behind(pos) > 1_000 * share.weight { return (-behind(pos), 0) }
                return ((pos - start + n) % n, 0)
            case .weighted: return (-behind(pos), 0)
            default: return (0, 0)
            }
        }
        @inline(__always) func lighter(_ a: Int, than b: Int) -> Bool? {
            // Load balanced: open / capacity compared by cross-multiplying; nil when exactly tied.
            let oa = members[a], ob = members[b]
            let ca = roster.capacity[oa] == Int.max ? largestCapacity : roster.capacity[oa]
            let cb = roster.capacity[ob] == Int.max ? largestCapacity : roster.capacity[ob]
            let la = loads[oa], lb = loads[ob]
            if la * cb != lb * ca { return la * cb < lb * ca }
            if la != lb { return la < lb }
            return nil
        }

        // First pass: who can take the lead, and who of them wins.
        // The winner's score is kept, not worked out again for every comparison.
        var best = -1
        var bestScore = (0, 0)
        for pos in 0..<n {
            let o = members[pos]
            if isAway[o] { capacityOnly = false; continue }
            if loads[o] >= roster.capacity[o] { continue }
            if method == .loadBalanced {
                if best < 0 || lighter(pos, than: best) == true { best = pos }
            } else {
                let s = score(pos)
                if best < 0 || s < bestScore { best = pos; bestScore = s }
            }
        }
        // Second pass: every member with the first reason they were passed over (built once, never
        // patched: rewriting an element of the array would copy it).
        for pos in 0..<n {
            let o = members[pos]
            let open = loads[o], capacity = roster.capacity[o]
            let verdict: CandidateList.Verdict
            if isAway[o] {
                verdict = .away
            } else if open >= capacity {
                verdict = .atCapacity(open: open, capacity: capacity)
            } else if pos == best {
                verdict = .chosen
            } else {
                switch method {
                case .roundRobin:
                    verdict = score(pos).0 < 0 || bestScore.0 < 0 ? .aheadOfShare(assigned: given[pos], weight: 1) : .notNextInTurn
                case .weighted:
                    verdict = score(pos) == bestScore ? .tiedLaterInOrder : .aheadOfShare(assigned: given[pos], weight: roster.weight[o])
                case .loadBalanced, .accountOwner:
                    verdict = lighter(pos, than: best) == nil ? .tiedLaterInOrder : .higherLoad(open: open, capacity: capacity == Int.max ? nil : capacity)
                }
            }
            candidates.append(owner: o, open: open, capacity: capacity == Int.max ? nil : capacity, verdict: verdict)
        }
        steps.append(.pool(name: rulebook.pools[p].name, method: method, candidates: candidates))
        var placement = best >= 0 ? Placement(pool: p, member: best, owner: members[best]) : nil
        if placement != nil, sharesMatter, let limit = catchUp.limitMilli {
            placement!.excused = excuses(members: members, isAway: isAway, received: received, weight: weight,
                                         total: share, limit: limit, ids: roster.id)
        }
        return PickOutcome(placement: placement, finalPool: p, capacityOnly: best < 0 && capacityOnly)
    }

    /// What members who could not take this lead are forgiven so that, counting it, none is more than
    /// `limit` thousandths of a lead behind their share. Forgiven leads count as received by everyone's
    /// shares, so the amounts are solved together: with S the members over the limit, R the leads received
    /// (this one included) and W the total weight, each x_m = (R + X) w_m / W - r_m - limit, X = sum of x_m.
    private func excuses(
        members: [Int], isAway: [Bool], received: (Int) -> Int, weight: (Int) -> Int,
        total: (received: Int, weight: Int), limit: Int, ids: [String]
    ) -> [Excuse] {
        let r = total.received + 1_000, w = total.weight
        // Two passes rather than a list of who is over: this runs for most decisions, and a list allocates.
        @inline(__always) func isOver(_ pos: Int) -> Bool { isAway[members[pos]] && r * weight(pos) - w * received(pos) > w * limit }
        var overCount = 0, overWeight = 0, overReceived = 0
        for pos in members.indices where isOver(pos) {
            overCount += 1
            overWeight += weight(pos)
            overReceived += received(pos)
        }
        guard overCount > 0, w > overWeight else { return [] }
        let all = (r * overWeight - w * overReceived - w * limit * overCount) / (w - overWeight)
        var out: [Excuse] = []
        out.reserveCapacity(overCount)
        for pos in members.indices where isOver(pos) {
            let x = (r + all) * weight(pos) / w - received(pos) - limit
            if x > 0 { out.append(Excuse(member: pos, owner: ids[members[pos]], milli: x)) }
        }
        return out
    }

    /// The first reason owner `o` cannot take a lead now, as a verdict (`.chosen` when there is none).
    @inline(__always)
    private func barrier(_ o: Int) -> CandidateList.Verdict {
        if awayFlags[o] { return .away }
        if let capacity = rulebook.owners[o].capacity, state.openLoad[o] >= capacity {
            return .atCapacity(open: state.openLoad[o], capacity: capacity)
        }
        return .chosen
    }

    private func accountOwner(pool p: Int, facts: LeadFacts, steps: inout [TraceStep], inputs: inout DecisionInputs, depth: Int) -> PickOutcome {
        let pool = rulebook.pools[p]
        var because: String
        var capacityOnly = false
        if let account = facts.account, let ownerId = account.owner {
            if let o = rulebook.ownerIndex[ownerId] {
                let verdict = barrier(o)
                var candidates = CandidateList(ids: rulebook.roster.id, awayReasons: awayReasons, capacity: 1)
                candidates.append(owner: o, open: state.openLoad[o], capacity: rulebook.owners[o].capacity, verdict: verdict)
                steps.append(.pool(name: pool.name, method: .accountOwner, candidates: candidates))
                guard let reason = candidates[0].passedOver else {
                    return PickOutcome(placement: Placement(pool: -1, member: -1, owner: o), finalPool: p, capacityOnly: false)
                }
                capacityOnly = reason.isCapacity
                because = "account owner \(ownerId) \(reason.text)"
            } else {
                because = "account owner \(ownerId) is not in the rulebook"
            }
        } else if let account = facts.account {
            because = "account \(account.domain) has no owner"
        } else {
            because = "no matched account"
        }
        if let fallback = pool.fallbackPool, let f = rulebook.poolIndex[fallback], f != p, depth < rulebook.pools.count {
            steps.append(.handover(from: pool.name, to: fallback, because: because))
            return choose(pool: f, facts: facts, steps: &steps, inputs: &inputs, depth: depth + 1)
        }
        steps.append(.handover(from: pool.name, to: "nobody", because: because))
        return PickOutcome(placement: nil, finalPool: p, capacityOnly: capacityOnly)
    }
}
