import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Live intake: stores leads as queued (a key already stored keeps its lead) and quarantined records,
    /// in one transaction, and answers each lead's id. Routing them is the drain's job, as for a file import.
    public func intake(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], actor: String) throws -> [StoredLeadId] {
        let ids = try store.intake(leads, quarantine: quarantine, at: clock(), actor: actor)
        for stored in ids where stored.added { notify(.lead(stored.id)) }
        return ids
    }

    /// Live intake that routes as it stores, when no lead waits in the queue: each new lead is decided
    /// in the routing state, as the drain would decide it next, and stored with its decision in the same
    /// transaction (the routed import's write), so one commit makes it durable and decided. Nil, with
    /// nothing stored, when leads are queued: they come first, so the caller stores these queued too
    /// (`intake`) and the drain routes them all in order. Throws when the store fails: then nothing
    /// was stored and the routing state is prepared afresh.
    public func intakeRouting(_ leads: [IncomingLead], quarantine: [QuarantinedRecord], actor: String) throws -> RoutedIntake? {
        let routed = try decidingInPlace { routing -> RoutedIntake? in
            do {
                return try intakeRouting(&routing, leads, quarantine: quarantine, actor: actor)
            } catch is LeadsQueued {
                // Rolled back before any decision: the routing state holds only what others committed.
                return nil
            }
        }
        if let routed, !routed.decisions.isEmpty { notify(.routed(routed.decisions.count)) }
        return routed
    }

    private func intakeRouting(_ routing: inout Routing, _ leads: [IncomingLead], quarantine: [QuarantinedRecord], actor: String) throws -> RoutedIntake {
        routing.context.now = clock()
        let now = routing.context.now
        var shadow = routing.shadow.take()
        defer { routing.shadow = shadow }
        var pairs: [ShadowPair] = []
        var intake = RoutedIntake(ids: [], decisions: [])
        var batch: RoutedImportBatch?
        let store = self.store
        let result = try store.importRouting(at: now, actor: actor, since: routing.mark, catchUp: { others in
            routing.context.catchUp(with: others)
            shadow?.catchUp(with: others)
        }, start: { lastSerial, found in
            if try found.hasQueued() { throw LeadsQueued() }
            // The running shadow's number read on this transaction's connection: a read transaction of
            // its own for every group was a share of each one. Only a change needs `followShadow`.
            let running = try found.activeShadowId()
            if running == shadow?.id, shadow?.stale != true {
                shadow?.context.now = now
            } else if running != nil, running != routing.unloadableShadow || shadow != nil {
                routing.shadow = shadow
                try followShadow(&routing)
                shadow = routing.shadow.take()
            } else if running == nil {
                shadow = nil
            }
            var routed = RoutedImportBatch()
            routed.leads.reserveCapacity(leads.count)
            routed.quarantine = quarantine
            // Keys taken earlier in this call, not stored until `next` hands them over.
            var taken: [String: String] = [:]
            var serial = lastSerial
            for incoming in leads {
                let key = incoming.idempotencyKey
                if let id = try taken[key] ?? found.leadId(forKey: key) {
                    intake.ids.append(StoredLeadId(id: id, added: false))
                    continue
                }
                serial += 1
                var lead = incoming.lead
                lead.id = LeadId.make(serial)
                taken[key] = lead.id
                // As a routed import decides (ImportFeed.add).
                let normalized = Normalizer.normalize(lead)
                let decision = Router.decide(normalized: normalized, in: routing.context)
                routing.context.apply(decision, receivedAt: lead.receivedAt)
                if shadow != nil { pairs.append(ShadowPair(live: decision, draft: shadow!.decide(normalized))) }
                routed.leads.append(RoutedLead(lead: lead, idempotencyKey: key, decision: decision, words: routing.context.rulebook.words))
                intake.ids.append(StoredLeadId(id: lead.id, added: true))
                intake.decisions.append(decision)
            }
            batch = routed
        }, next: { batch.take() })
        routing.mark = RoutingMark(event: result.routed.lastEvent, generation: result.routed.generation)
        if let shadow { try store.recordShadow(shadow.id, pairs: pairs, at: now) }
        return intake
    }
}

/// Leads stored and decided in one transaction by `intakeRouting`.
public struct RoutedIntake: Sendable {
    /// Each lead's id, in the order given: the one it was given now, or (`added` false) the one it had.
    public var ids: [StoredLeadId]
    /// The decisions of the leads added, in their order.
    public var decisions: [Decision]
}

/// Leads wait in the queue: a live lead is not decided ahead of them.
private struct LeadsQueued: Error {}
