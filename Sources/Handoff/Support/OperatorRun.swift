import ArgumentParser
import HandoffCore
import HandoffDesk
import HandoffStore

/// Applies one operator command to each selected lead through the desk, reports each outcome and a total,
/// and exits with code 3 when any lead refused it.
struct OperatorRun {
    var verb: String
    var command: LeadCommand
    var opened: DeskOptions.Opened
    /// Act on leads another operator claimed (`--force`).
    var force = false

    struct Outcome {
        var id: String
        var before: LeadRecord?
        var after: LeadRecord?
        var refusal: String?
    }

    func run(_ targets: [SelectionOptions.Target], json: Bool) throws {
        if case .reassign(let owner, _) = command, opened.rules.rulebook.owner(owner) == nil {
            // Every lead would refuse it for the same reason; say it once.
            Console.error("handoff: \(StoreError.unknownOwner(owner))")
            throw ExitCode.refused
        }
        let outcomes = try StoreFailure.guarded { try targets.map(apply) }
        if json {
            print(JSONOutput.document(OperatorResultJSON(action: verb, operatorName: opened.operatorName, outcomes: outcomes)))
        } else {
            report(outcomes, selected: targets.count)
        }
        if outcomes.contains(where: { $0.refusal != nil }) { throw ExitCode.refused }
    }

    private func apply(_ target: SelectionOptions.Target) throws -> Outcome {
        let before = try opened.store.lead(target.id)
        do {
            let after = try opened.desk.perform(command, on: target.id, basedOn: target.version, actor: opened.operatorName,
                                                overridingClaim: force)
            return Outcome(id: target.id, before: before, after: after)
        } catch let held as ClaimedByOther {
            return Outcome(id: target.id, before: before, refusal: "\(held); pass --force to \(verb) it anyway")
        } catch let stale as StaleVersion {
            return Outcome(id: target.id, before: before, refusal: Self.withoutId(stale.description, target.id))
        } catch let refused as DeskError {
            return Outcome(id: target.id, before: before, refusal: refused.description)
        } catch let refused as StoreError {
            let message = if case .illegal(let error, _) = refused { error.description } else { refused.description }
            return Outcome(id: target.id, before: before, refusal: Self.withoutId(message, target.id))
        }
    }

    /// Store messages start with the lead's id, which the report line already shows.
    static func withoutId(_ message: String, _ id: String) -> String {
        for prefix in [id + ": ", id + " "] where message.hasPrefix(prefix) { return String(message.dropFirst(prefix.count)) }
        return message
    }

    private func report(_ outcomes: [Outcome], selected: Int) {
        guard selected > 0 else {
            print("No leads match; nothing to \(verb).")
            return
        }
        for outcome in outcomes {
            if let after = outcome.after {
                let was = outcome.before.map { StatePhrase.was($0) } ?? "unknown"
                let now = if case .annotate = command { "annotated (still \(StatePhrase.was(after)))" } else { "\(StatePhrase.of(after)) (was \(was))" }
                print("\(outcome.id) \(now)")
            } else {
                Console.error("\(outcome.id) refused: \(outcome.refusal ?? "")")
            }
        }
        if outcomes.count > 1 {
            let refused = outcomes.count { $0.refusal != nil }
            print("\(verb): \(outcomes.count - refused) done, \(refused) refused, of \(outcomes.count) leads")
        }
    }
}
