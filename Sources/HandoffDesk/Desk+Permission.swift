import HandoffCore
import HandoffStore

extension Desk {
    /// What `person` may do under the rulebook in force.
    public func role(of person: String) -> Role { rulebook.role(of: person) }

    /// Refuses a command the actor's role does not allow. An undo is an operator's when it takes back
    /// the actor's own action (the lead's newest entry of the undone kind is theirs), a lead's otherwise.
    func permit(_ command: LeadCommand, on leadId: String, actor: String, rulebook: Rulebook) throws {
        guard !Permission.isSystem(actor), !Permission.isOwnerAccepting(actor, command), rulebook.people != nil else { return }
        var someoneElse = false
        if case .restore(_, let undone, _) = command {
            let history = try store.events(lead: leadId, after: 0, limit: 10_000)
            someoneElse = history.last(where: { $0.kind == undone.event }).map { $0.actor != actor } ?? false
        }
        try Permission.require(Permission.needed(for: command, undoingSomeoneElse: someoneElse), of: actor, in: rulebook,
                               to: Permission.words(command, undoingSomeoneElse: someoneElse))
    }
}
