/// Picks an owner from a pool by its distribution method (the comparisons are `PoolStanding`'s),
/// recording every member considered.
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

        // The pool's fields read one by one: a copy of the pool would retain its name and member list.
        let catchUp = rulebook.pools[p].catchUp
        let standing = PoolStanding(
            method: method, members: rulebook.poolMembers[p], openLoad: state.openLoad, roster: rulebook.roster,
            isAway: awayFlags, given: state.assigned[p], forgiven: state.excused[p], cursor: state.cursors[p], catchUp: catchUp
        )
        let best = standing.best, capacityOnly = standing.capacityOnly
        var placement = best >= 0 ? Placement(pool: p, member: best, owner: standing.members[best]) : nil
        if placement != nil, standing.sharesMatter, let limit = catchUp.limitMilli {
            placement!.excused = excuses(standing, limit: limit, ids: rulebook.roster.id)
        }
        // The standing moves into the trace (a copy would retain each of its arrays).
        let candidates = CandidateList(ids: rulebook.roster.id, awayReasons: awayReasons, standing: consume standing)
        steps.append(.pool(name: rulebook.pools[p].name, method: method, candidates: candidates))
        return PickOutcome(placement: placement, finalPool: p, capacityOnly: capacityOnly)
    }

    /// What members who could not take this lead are forgiven so that, counting it, none is more than
    /// `limit` thousandths of a lead behind their share. Forgiven leads count as received by everyone's
    /// shares, so the amounts are solved together: with S the members over the limit, R the leads received
    /// (this one included) and W the total weight, each x_m = (R + X) w_m / W - r_m - limit, X = sum of x_m.
    private func excuses(_ standing: PoolStanding, limit: Int, ids: [String]) -> [Excuse] {
        let members = standing.members, isAway = standing.isAway
        let r = standing.share.received + 1_000, w = standing.share.weight
        // Two passes rather than a list of who is over: this runs for most decisions, and a list allocates.
        @inline(__always) func isOver(_ pos: Int) -> Bool {
            isAway[members[pos]] && r * standing.weight(pos) - w * standing.received(pos) > w * limit
        }
        var overCount = 0, overWeight = 0, overReceived = 0
        for pos in members.indices where isOver(pos) {
            overCount += 1
            overWeight += standing.weight(pos)
            overReceived += standing.received(pos)
        }
        guard overCount > 0, w > overWeight else { return [] }
        let all = (r * overWeight - w * overReceived - w * limit * overCount) / (w - overWeight)
        var out: [Excuse] = []
        out.reserveCapacity(overCount)
        for pos in members.indices where isOver(pos) {
            let x = (r + all) * standing.weight(pos) / w - standing.received(pos) - limit
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
