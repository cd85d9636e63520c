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

    func choose(pool p: Int, facts: LeadFacts, steps: inout [TraceStep], depth: Int = 0) -> PickOutcome {
        let method = rulebook.pools[p].method
        if method == .accountOwner { return accountOwner(pool: p, facts: facts, steps: &steps, depth: depth) }

        let members = rulebook.poolMembers[p]
        let n = members.count
        var candidates: [Candidate] = []
        candidates.reserveCapacity(n)
        var best = -1
        var capacityOnly = n > 0
        // Owners without a capacity are compared as if they had the pool's largest one.
        var largestCapacity = 1
        if method == .loadBalanced {
            for o in members { if let c = rulebook.owners[o].capacity, c > largestCapacity { largestCapacity = c } }
        }
        // Weighted: leads given through the pool so far and the members' total weight.
        var share = (given: 0, weight: 0)
        if method == .weighted {
            for pos in 0..<n { share.given += state.assigned[p][pos]; share.weight += rulebook.owners[members[pos]].weight }
        }
        let start = method == .roundRobin && n > 0 ? state.cursors[p] % n : 0

        for pos in 0..<n {
            let o = members[pos]
            // Read fields, not the whole Owner: copying it would retain every array it holds.
            let id = rulebook.owners[o].id, capacity = rulebook.owners[o].capacity
            let open = state.openLoad[o]
            if let reason = barrier(o) {
                if !reason.isCapacity { capacityOnly = false }
                candidates.append(Candidate(owner: id, open: open, capacity: capacity, passedOver: reason))
                continue
            }
            candidates.append(Candidate(owner: id, open: open, capacity: capacity, passedOver: nil))
            if best < 0 || better(pos, than: best, pool: p, members: members, start: start, largestCapacity: largestCapacity, share: share) {
                best = pos
            }
        }
        // Everyone eligible but not chosen gets the method's reason.
        if best >= 0 {
            for pos in 0..<n where pos != best && !candidates[pos].wasPassedOver {
                switch method {
                case .roundRobin: candidates[pos].passedOver = .notNextInTurn
                case .weighted:
                    candidates[pos].passedOver = .aheadOfShare(assigned: state.assigned[p][pos], weight: rulebook.owners[members[pos]].weight)
                case .loadBalanced, .accountOwner:
                    candidates[pos].passedOver = .higherLoad(open: state.openLoad[members[pos]], capacity: rulebook.owners[members[pos]].capacity)
                }
            }
        }
        steps.append(.pool(name: rulebook.pools[p].name, method: method, candidates: candidates))
        let placement = best >= 0 ? Placement(pool: p, member: best, owner: members[best]) : nil
        return PickOutcome(placement: placement, finalPool: p, capacityOnly: best < 0 && capacityOnly)
    }

    /// Whether member `a` should be chosen over member `b` (both eligible, `b` seen first).
    @inline(__always)
    private func better(
        _ a: Int, than b: Int, pool p: Int, members: [Int], start: Int, largestCapacity: Int, share: (given: Int, weight: Int)
    ) -> Bool {
        switch rulebook.pools[p].method {
        case .roundRobin:
            let n = members.count
            return (a - start + n) % n < (b - start + n) % n
        case .weighted:
            // Smooth weighted round robin, derived from the ledger alone: the member furthest behind their
            // share after this lead, (given + 1) * weight - total weight * assigned, goes next. This keeps
            // every member within one lead of their exact share at every point of the run.
            let behindA = (share.given + 1) * rulebook.owners[members[a]].weight - share.weight * state.assigned[p][a]
            let behindB = (share.given + 1) * rulebook.owners[members[b]].weight - share.weight * state.assigned[p][b]
            return behindA > behindB
        case .loadBalanced:
            let oa = members[a], ob = members[b]
            let ca = rulebook.owners[oa].capacity ?? largestCapacity, cb = rulebook.owners[ob].capacity ?? largestCapacity
            let la = state.openLoad[oa], lb = state.openLoad[ob]
            if la * cb != lb * ca { return la * cb < lb * ca }
            return la < lb
        case .accountOwner:
            return false
        }
    }

    /// The first reason owner `o` cannot take a lead now, or nil.
    @inline(__always)
    private func barrier(_ o: Int) -> PassReason? {
        switch availability[o] {
        case .available: break
        case .inactive: return .inactive
        case .outOfOffice(let until): return .outOfOffice(until: until)
        case .offHours(let local, let zone): return .offHours(local: local, zone: zone)
        }
        if let capacity = rulebook.owners[o].capacity, state.openLoad[o] >= capacity {
            return .atCapacity(open: state.openLoad[o], capacity: capacity)
        }
        return nil
    }

    private func accountOwner(pool p: Int, facts: LeadFacts, steps: inout [TraceStep], depth: Int) -> PickOutcome {
        let pool = rulebook.pools[p]
        var because: String
        var capacityOnly = false
        if let account = facts.account, let ownerId = account.owner {
            if let o = rulebook.ownerIndex[ownerId] {
                let open = state.openLoad[o]
                let reason = barrier(o)
                steps.append(.pool(name: pool.name, method: .accountOwner, candidates: [
                    Candidate(owner: rulebook.owners[o].id, open: open, capacity: rulebook.owners[o].capacity, passedOver: reason),
                ]))
                guard let reason else {
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
            return choose(pool: f, facts: facts, steps: &steps, depth: depth + 1)
        }
        steps.append(.handover(from: pool.name, to: "nobody", because: because))
        return PickOutcome(placement: nil, finalPool: p, capacityOnly: capacityOnly)
    }
}
