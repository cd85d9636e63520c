import Foundation
import HandoffStore

/// Stores a hook's records through the intake writer, as POST /v1/leads stores its leads: answered once
/// the transaction has committed, or not at all.
struct HookIntake: Sendable {
    let writer: IntakeWriter
    let metrics: ServerMetrics
    /// The desk's clock: the receive time of records that give none.
    let clock: @Sendable () -> Date

    func store(_ records: [CRMRecord], source: String, crm: CRMRecord.CRM) async -> Result<(LeadIntake, [StoredLeadId]), HookRefusal> {
        let intake: LeadIntake
        do {
            intake = try LeadIntake.read(records, source: source, receivedAt: clock())
        } catch {
            return .failure(HookRefusal(status: .badRequest, code: "body_not_leads", message: String(describing: error)))
        }
        switch await writer.store(intake.accepted.map(\.lead), quarantine: intake.rejected.map(\.record)) {
        case .success(let answer):
            let stored = answer.ids
            let repeats = stored.filter { !$0.added }.count
            metrics.leads(received: stored.count - repeats, repeated: repeats, rejected: intake.rejected.count)
            metrics.hookRecords(crm: crm.rawValue, outcome: "stored", stored.count - repeats)
            metrics.hookRecords(crm: crm.rawValue, outcome: "repeated", repeats)
            metrics.hookRecords(crm: crm.rawValue, outcome: "rejected", intake.rejected.count)
            return .success((intake, stored))
        case .failure(let failure):
            return .failure(HookRefusal(status: .serviceUnavailable, code: "store_failed",
                                        message: "nothing was stored: \(failure.message); the request may be sent again", headers: [.retryAfter: "1"]))
        }
    }
}
