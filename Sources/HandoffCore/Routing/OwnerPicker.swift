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
        let frame = frames[p]
        if frame.method == .accountOwner { return accountOwner(pool: p, facts: facts, steps: &steps, inputs: &inputs, depth: depth) }
        let standing = PoolStanding.judge(frame, openLoad: state.openLoad, given: state.assigned[p], forgiven: state.excused[p], cursor: state.cursors[p])
        let best = standing.best
        var placement = best >= 0 ? Placement(pool: p, member: best, owner: frame.members[best]) : nil
        if placement != nil, frame.sharesMatter, let limit = frame.catchUpLimit {
            placement!.excused = excuses(standing, limit: limit)
        }
        // The standing is both the pool's inputs and its trace entry: one object, no copies.
        inputs.append(standing)
        steps.append(.pool(name: frame.name, method: frame.method, candidates: CandidateList(standing: standing)))
        return PickOutcome(placement: placement, finalPool: p, capacityOnly: standing.capacityOnly)
    }

    /// What members who could not take this lead are forgiven so that, counting it, none is more than
    /// `limit` thousandths of a lead behind their share. Forgiven leads count as received by everyone's
    /// shares, so the amounts are solved together: with S the members over the limit, R the leads received
    /// (this one included) and W the total weight, each x_m = (R + X) w_m / W - r_m - limit, X = sum of x_m.
    private func excuses(_ standing: PoolStanding, limit: Int) -> [Excuse] {
        standing.read { h, numbers in
            let frame = h.frame
            let r = h.received + 1_000, w = frame.totalWeight
            // Two passes rather than a list of who is over: this runs for most decisions, and a list allocates.
            @inline(__always) func isOver(_ pos: Int) -> Bool {
                frame.isAway[pos] && r * frame.weight[pos] - w * numbers.received(pos) > w * limit
            }
            var overCount = 0, overWeight = 0, overReceived = 0
            for pos in 0..<numbers.n where isOver(pos) {
                overCount += 1
                overWeight += frame.weight[pos]
                overReceived += numbers.received(pos)
            }
            guard overCount > 0, w > overWeight else { return [] }
            let all = (r * overWeight - w * overReceived - w * limit * overCount) / (w - overWeight)
            var out: [Excuse] = []
            out.reserveCapacity(overCount)
            for pos in 0..<numbers.n where isOver(pos) {
                let x = (r + all) * frame.weight[pos] / w - numbers.received(pos) - limit
                if x > 0 { out.append(Excuse(member: pos, owner: frame.ids[frame.members[pos]], milli: x)) }
            }
            return out
        }
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
        let frame = frames[p]
        var because: String
        var capacityOnly = false
        if let account = facts.account, let ownerId = account.owner {
            if let o = rulebook.ownerTable.value(for: ownerId) {
                let verdict = barrier(o)
                var candidates = CandidateList(ids: rulebook.roster.id, awayReasons: awayReasons, capacity: 1)
                candidates.append(owner: o, open: state.openLoad[o], capacity: rulebook.owners[o].capacity, verdict: verdict)
                steps.append(.pool(name: frame.name, method: .accountOwner, candidates: candidates))
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
        if let fallback = frame.fallbackName, let f = frame.fallback, f != p, depth < rulebook.pools.count {
            steps.append(.handover(from: frame.name, to: fallback, because: because))
            return choose(pool: f, facts: facts, steps: &steps, inputs: &inputs, depth: depth + 1)
        }
        steps.append(.handover(from: frame.name, to: "nobody", because: because))
        return PickOutcome(placement: nil, finalPool: p, capacityOnly: capacityOnly)
    }
}
