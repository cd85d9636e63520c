import Foundation
import HandoffCore
import HandoffStore

/// A stored decision run again from its recorded inputs.
public struct ReplayResult: Sendable {
    public var stored: Decision
    public var replayed: Decision
    /// Empty when the replay reproduced the stored decision exactly.
    public var differences: [String]

    public var reproduced: Bool { differences.isEmpty }
}

/// Why a lead's decision cannot be replayed.
public enum ReplayError: Error, Sendable, CustomStringConvertible {
    case notRouted(String)
    /// The lead was decided, but its stored decision no longer reads.
    case decisionDamaged(String, String)
    case rulebookMissing(String)
    case rulebookInvalid(String, [String])
    case refused(DecisionReplay.Refusal)

    public var description: String {
        switch self {
        case .notRouted(let id): "\(id) has not been routed yet, so there is no decision to replay"
        case .decisionDamaged(let id, let problem):
            "\(id)'s stored decision is damaged (\(problem)), so there is nothing to replay; `handoff doctor` lists every such lead"
        case .rulebookMissing(let version):
            "rulebook version \(version) was never recorded in this database; it is recorded by `handoff route` and the console"
        case .rulebookInvalid(let version, let errors):
            "the recorded rulebook \(version) no longer loads: " + errors.joined(separator: "; ")
        case .refused(let refusal): refusal.description
        }
    }
}

extension Desk {
    /// Re-runs `leadId`'s stored decision with the rulebook version it names (its recorded text), the
    /// operator absences and pauses in force when it was made, and the state its trace and inputs
    /// recorded, then compares. Reads only: nothing is written.
    public static func replay(_ leadId: String, in store: any LeadStore) throws -> ReplayResult {
        guard let record = try store.lead(leadId) else { throw StoreError.unknownLead(leadId) }
        if let problem = record.decisionProblem { throw ReplayError.decisionDamaged(leadId, problem) }
        guard let stored = record.decision else { throw ReplayError.notRouted(leadId) }
        guard let source = try store.rulebookSource(stored.rulebookVersion) else { throw ReplayError.rulebookMissing(stored.rulebookVersion) }
        let loaded = RulebookLoader.load(yaml: source, file: "rulebook \(stored.rulebookVersion)")
        guard var rulebook = loaded.rulebook else { throw ReplayError.rulebookInvalid(stored.rulebookVersion, loaded.errors.map(\.description)) }
        let at = stored.decidedAt
        rulebook = Desk.withOperatorChanges(
            rulebook, absences: try store.absences(asOf: at), pauses: Desk.pauses(asOf: at, try store.pauseHistory(owner: nil)))
        let earlier = try DecisionReplay.duplicateOf(stored).flatMap { try store.lead($0)?.lead }
        let context: RoutingContext
        do {
            context = try DecisionReplay.context(for: stored, rulebook: rulebook, earlier: earlier)
        } catch let refusal as DecisionReplay.Refusal {
            throw ReplayError.refused(refusal)
        }
        let replayed = Router.decide(record.lead, in: context)
        return ReplayResult(stored: stored, replayed: replayed, differences: DecisionReplay.differences(stored: stored, replayed: replayed))
    }

    /// Who was paused at `date`, from the history of pauses and resumes.
    static func pauses(asOf date: Date, _ history: [OwnerPauseChange]) -> [String: OwnerPause] {
        var out: [String: OwnerPause] = [:]
        for change in history where change.at <= date {
            out[change.owner] = change.paused ? OwnerPause(reason: change.reason, by: change.by, since: change.at) : nil
        }
        return out
    }
}
