import Foundation
import HandoffCore
import HandoffStore

/// A draft rulebook deciding every routed lead beside the one in force, from pool state of its own:
/// its turns and fairness ledger start from the live ones and move only with its own decisions; its
/// open loads are the live ones corrected for the leads the two sent to different owners (released
/// when such a lead closes). Nothing it decides is assigned: each lead's pair of outcomes is counted in
/// the store's shadow tables, never in the log.
struct ShadowRun {
    let id: Int64
    var context: RoutingContext
    /// Another writer moved the live pool state: the draft's open loads are read again before the next batch.
    var stale = false
}

extension Desk {
    /// Checks for a running shadow (one read a batch) and has its draft ready beside the live context,
    /// or drops a draft whose shadow ended.
    func followShadow(_ routing: inout Routing) throws {
        guard let id = try store.activeShadowId() else {
            routing.shadow = nil
            return
        }
        if routing.shadow?.id == id {
            if routing.shadow!.stale {
                routing.shadow!.context.state.openLoad = try draftOpenLoad(id, rulebook: routing.shadow!.context.rulebook)
                routing.shadow!.stale = false
            }
            routing.shadow!.context.now = routing.context.now
            return
        }
        guard routing.unloadableShadow != id else { return }
        routing.shadow = try makeShadow(id, live: routing.context)
        if routing.shadow == nil { routing.unloadableShadow = id }
    }

    private func makeShadow(_ id: Int64, live: RoutingContext) throws -> ShadowRun? {
        guard let stored = try store.shadow(id) else { return nil }
        // Checked when it started; text that no longer loads (a newer build reads it otherwise) shadows
        // nothing, and `shadow promote` refuses it with its errors.
        let load = RulebookLoader.load(yaml: stored.draftSource, file: stored.draftPath)
        guard let loaded = load.rulebook, load.errors.isEmpty else { return nil }
        let draft = try Desk.withOperatorChanges(loaded, store: store)
        var recent = live.recent
        if draft.duplicates != live.rulebook.duplicates {
            recent = DuplicateIndex()
            let matchOn = draft.duplicates.matchOn
            try store.leads(receivedSince: live.now.addingTimeInterval(-Double(draft.duplicates.window))) { recent.remember($0, on: matchOn) }
        }
        var ledger = try store.ledger()
        // Members new to a pool get their even start in the draft's ledger only: nothing is written.
        for (pool, owners) in Fairness.admissions(draft, ledger) {
            for (owner, milli) in owners {
                ledger.members[pool, default: []].insert(owner)
                if milli != 0 { ledger.excused[pool, default: [:]][owner] = milli }
            }
        }
        var state = RoutingState(rulebook: draft, ledger: ledger)
        state.openLoad = try draftOpenLoad(id, rulebook: draft, ledger: ledger)
        return ShadowRun(id: id, context: RoutingContext(rulebook: draft, now: live.now, accounts: live.accounts, recent: recent, state: state))
    }

    /// The live open loads, corrected for diverged leads still open.
    private func draftOpenLoad(_ id: Int64, rulebook: Rulebook, ledger: PoolLedger? = nil) throws -> [Int] {
        var ledger = try ledger ?? store.ledger()
        for correction in try store.shadowCorrections(id) {
            if let owner = correction.liveOwner { ledger.openLoad[owner, default: 0] -= 1 }
            if let owner = correction.draftOwner { ledger.openLoad[owner, default: 0] += 1 }
        }
        return RoutingState(rulebook: rulebook, ledger: ledger).openLoad.map { max($0, 0) }
    }
}

extension ShadowRun {
    /// The draft's decisions for the leads the live rulebook just decided, in the same order and at the
    /// same moment, compared pair by pair.
    mutating func decide(_ queued: [QueuedLead], live: [Decision], at now: Date) -> [ShadowPair] {
        context.now = now
        var pairs: [ShadowPair] = []
        pairs.reserveCapacity(queued.count)
        for i in queued.indices { pairs.append(ShadowPair(live: live[i], draft: context.route(queued[i].lead))) }
        return pairs
    }

    /// The draft's decision for one lead the live rulebook just decided (a routed import's).
    mutating func decide(_ lead: NormalizedLead) -> Decision {
        let decision = Router.decide(normalized: lead, in: context)
        context.apply(decision, receivedAt: lead.receivedAt)
        return decision
    }

    /// What other writers did: their routed leads count for the draft's duplicate checks too; a moved
    /// pool state is read again (with the draft's corrections) before the next batch.
    mutating func catchUp(with others: OthersWrites) {
        let matchOn = context.rulebook.duplicates.matchOn
        for lead in others.routed { context.recent.remember(lead, on: matchOn) }
        if others.ledger != nil { stale = true }
    }
}

extension Desk {
    /// The running shadow's figures, else the last one's (nil when none ever ran), with the newest
    /// `divergences` diverging leads: what the Shadow view shows.
    public func shadowStanding(divergences: Int) throws -> ShadowStanding? {
        guard let shadow = try store.latestShadow() else { return nil }
        return try store.shadowStanding(shadow.id, divergences: divergences)
    }
}
