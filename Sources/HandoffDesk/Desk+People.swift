import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Grants `person` a role in the database, as `actor`: theirs from the next check on, in every
    /// process sharing the workspace, over whatever the rulebook gives them. Only a lead may; a change that
    /// would leave no one a lead is refused (`Roles.hasLead`).
    @discardableResult
    public func grant(_ role: Role, to person: String, actor: String) throws -> RoleGrantChange {
        try change(person, to: role, actor: actor)
    }

    /// Withdraws the role granted to `person` in the database, as `actor`: the rulebook's role holds for
    /// them again. Refused when they have none granted.
    @discardableResult
    public func withdrawGrant(of person: String, actor: String) throws -> RoleGrantChange {
        try change(person, to: nil, actor: actor)
    }

    private func change(_ person: String, to role: Role?, actor: String) throws -> RoleGrantChange {
        if let why = Self.whyNotAPerson(person) { throw DeskError.notAPerson(person, why: why) }
        let grants = try store.roleGrants()
        let roles = Roles(people: rulebook.people, granted: grants.roles)
        try Permission.require(.lead, of: actor, in: roles, to: "grant or withdraw roles")
        if role == nil, roles.granted[person] == nil {
            throw DeskError.noGrant(person: person, role: roles.role(of: person), source: roles.source(of: person))
        }
        guard roles.with(person, role).hasLead else { throw DeskError.noLeadLeft(person: person) }
        // Made against the grants just read: a change another process made meanwhile refuses this one.
        return try store.changeRole(of: person, to: role, by: actor, at: clock(), basedOn: grants.newest)
    }

    /// Why a name cannot hold a role, or nil: the product's own actors act as themselves, and a name must
    /// be one someone can give with `--operator`.
    static func whyNotAPerson(_ name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "give a person's name" }
        if Permission.isSystem(name) { return "it is a name Handoff keeps for its own actors" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return "it holds control characters"
        }
        if name.count > 200 { return "a name is at most 200 characters" }
        return nil
    }
}
