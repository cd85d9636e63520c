import HandoffCore
import HandoffStore

/// Who may do what, checked by the desk (and by the few writes that do not go through a desk, such as
/// shadow runs) so that it holds wherever an action comes from: the console, the command line, a script.
/// Roles come from the rulebook's `people:` and from grants in the database, a grant winning (`Roles`);
/// grants are read at every check, so one made from another machine holds at once.
///
/// A person is who they say they are (`--operator`, `HANDOFF_OPERATOR`, the login name): roles keep
/// honest people to their part and set what a console offers; they are not a defence against someone
/// who can edit the rulebook or the database file.
public enum Permission {
    /// The product's own actors, not people: routing, the SLA timer, imports' bookkeeping, the demo. A
    /// person cannot take these names.
    public static let systemActors: Set<String> = ["router", Desk.slaActor, "import", "demo"]

    public static func isSystem(_ actor: String) -> Bool { systemActors.contains(actor) }

    /// An owner accepting a lead from outside (`owner:ID`, from a CRM or `handoff accept`): owners take
    /// their own leads whatever `people:` says; for anything else `owner:ID` is a person like any other.
    static func isOwnerAccepting(_ actor: String, _ command: LeadCommand) -> Bool {
        if case .accept = command { return actor.hasPrefix("owner:") }
        return false
    }

    /// Throws `DeskError.notAllowed` unless `actor` has at least `needed` under `roles`.
    public static func require(_ needed: Role, of actor: String, in roles: Roles, to what: String) throws {
        guard !isSystem(actor) else { return }
        let role = roles.role(of: actor)
        guard role >= needed else {
            throw DeskError.notAllowed(person: actor, role: role, needs: needed, action: what, source: roles.source(of: actor))
        }
    }

    /// The same under `rulebook`'s `people:` and the grants in `store`, read now (not at all for the
    /// product's own actors).
    public static func require(_ needed: Role, of actor: String, in rulebook: Rulebook, grants store: any PeopleGrants, to what: String) throws {
        guard !isSystem(actor) else { return }
        try require(needed, of: actor, in: roles(rulebook, grants: store), to: what)
    }

    /// The roles in force: `rulebook`'s `people:` with the grants `store` holds now.
    public static func roles(_ rulebook: Rulebook, grants store: any PeopleGrants) throws -> Roles {
        Roles(people: rulebook.people, granted: try store.roleGrants().roles)
    }

    /// What a command needs: an undo of someone else's action is a lead's to make.
    static func needed(for command: LeadCommand, undoingSomeoneElse: Bool) -> Role {
        if case .restore = command, undoingSomeoneElse { return .lead }
        return .operator
    }

    /// The words for a command in a refusal ("approve leads").
    static func words(_ command: LeadCommand, undoingSomeoneElse: Bool) -> String {
        switch command {
        case .restore: undoingSomeoneElse ? "undo another person's action" : "undo actions"
        default: "\(command.action.rawValue) leads"
        }
    }
}
