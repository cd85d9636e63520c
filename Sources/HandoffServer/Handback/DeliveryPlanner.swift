import HandoffCore
import HandoffStore

/// What each target gets for a log entry: pure, so what a crash-free run and a restarted one make of the
/// same entry is the same.
enum DeliveryPlanner {
    static func plan(target: String, entry: HandbackEntry, config: HandbackConfig, owners: [String: Owner]) -> DeliveryPlan? {
        if let hook = config.webhooks.first(where: { $0.target == target }) {
            guard hook.events.contains(entry.handback) else { return nil }
            return DeliveryPlan(body: WebhookBody.json(WebhookBody(entry)), owner: entry.event.detail.owner)
        }
        guard let endpoint = config.crms.first(where: { $0.target == target }), entry.handback.givesOwner,
              let origin = CRM.origin(of: entry.lead), origin.crm == endpoint.crm,
              let owner = entry.event.detail.owner
        else { return nil }
        let crm = endpoint.crm
        guard origin.record.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return DeliveryPlan(body: "", owner: owner, skipped: "the lead's externalId is not a \(crm.title) record id (letters and digits only)")
        }
        guard let userId = owners[owner]?.crm[crm] else {
            let known = owners[owner] == nil ? "owner '\(owner)' is not in the rulebook in force" : "owner '\(owner)' has no \(crm.rawValue) id in the rulebook"
            return DeliveryPlan(body: "", owner: owner,
                                skipped: "\(known); add crm: {\(crm.rawValue): \"...\"} to the owner for later assignments to be written back")
        }
        return DeliveryPlan(body: WriteBackBody.json(crm, ownerId: userId), owner: owner,
                            path: WriteBackBody.path(crm, record: origin.record, apiVersion: endpoint.apiVersion))
    }
}
