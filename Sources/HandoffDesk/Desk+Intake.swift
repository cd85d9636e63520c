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
}
