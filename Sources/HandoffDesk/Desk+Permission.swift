import HandoffCore
import HandoffStore

extension Desk {
    /// Everyone's role in force: the rulebook's `people:` with the grants in the database, read now.
    public func roles() throws -> Roles { try Permission.roles(rulebook, grants: store) }

    /// What `person` may do now.
    public func role(of person: String) throws -> Role { try roles().role(of: person) }

    /// Throws `DeskError.notAllowed` unless `actor` has at least `needed` now.
    func require(_ needed: Role, of actor: String, to what: String) throws {
        try Permission.require(needed, of: actor, in: rulebook, grants: store, to: what)
    }

    /// Refuses a command the actor's role does not allow. An undo is an operator's when it takes back
    /// the actor's own action (the lead's newest entry of the undone kind is theirs), a lead's otherwise.
    func permit(_ command: LeadCommand, on leadId: String, actor: String, rulebook: Rulebook) throws {
        guard !Permission.isSystem(actor), !Permission.isOwnerAccepting(actor, command) else { return }
        let roles = try Permission.roles(rulebook, grants: store)
        guard roles.enforced else { return }
        var someoneElse = false
        if case .restore(_, let undone, _) = command {
            let history = try store.events(lead: leadId, after: 0, limit: 10_000)
            someoneElse = history.last(where: { $0.kind == undone.event }).map { $0.actor != actor } ?? false
        }
        try Permission.require(Permission.needed(for: command, undoingSomeoneElse: someoneElse), of: actor, in: roles,
                               to: Permission.words(command, undoingSomeoneElse: someoneElse))
    }
}
