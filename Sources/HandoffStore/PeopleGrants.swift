import Foundation
import HandoffCore

/// Roles granted per person in the workspace's database (`handoff people grant`), on top of the
/// rulebook's `people:` (`Roles` says which wins). Every grant and withdrawal is kept with who made it
/// and when; the newest change of each person says what is in force.
public protocol PeopleGrants: Sendable {
    /// The grants in force, and the number of the newest change (to make the next one against).
    func roleGrants() throws -> RoleGrants
    /// Records a change, `role` nil withdrawing the person's grant, as `actor` at `at`, provided the
    /// newest change is still `basedOn` (0 when there was none): otherwise `RoleGrantsChanged`, so two
    /// leads acting at once never both decide on what they read before the other's change.
    @discardableResult
    func changeRole(of person: String, to role: Role?, by actor: String, at: Date, basedOn newest: Int64) throws -> RoleGrantChange
    /// Every change, oldest first; one person's only when `person` is given.
    func roleGrantHistory(person: String?) throws -> [RoleGrantChange]
}

/// One grant or withdrawal as recorded.
public struct RoleGrantChange: Sendable, Hashable {
    /// Its number: changes are numbered in the order they were made.
    public var seq: Int64
    public var person: String
    /// The role granted; nil for a withdrawal (the person has the rulebook's role again).
    public var role: Role?
    public var by: String
    public var at: Date

    public init(seq: Int64, person: String, role: Role?, by: String, at: Date) {
        self.seq = seq
        self.person = person
        self.role = role
        self.by = by
        self.at = at
    }
}

/// The grants in force: each person's newest change when it grants a role.
public struct RoleGrants: Sendable, Hashable {
    public var inForce: [RoleGrantChange]
    /// The newest change's number, withdrawals included (0 when there has been none).
    public var newest: Int64

    public init(inForce: [RoleGrantChange], newest: Int64) {
        self.inForce = inForce
        self.newest = newest
    }

    /// Roles by person.
    public var roles: [String: Role] {
        Dictionary(inForce.compactMap { change in change.role.map { (change.person, $0) } }, uniquingKeysWith: { _, last in last })
    }

    public func grant(of person: String) -> RoleGrantChange? { inForce.last { $0.person == person } }
}

/// A change of roles made against grants that changed since they were read.
public struct RoleGrantsChanged: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the change was made against, and the newest change now.
    public var basedOn: Int64
    public var newest: RoleGrantChange?

    public init(basedOn: Int64, newest: RoleGrantChange?) {
        self.basedOn = basedOn
        self.newest = newest
    }

    public var description: String {
        let what = newest.map { change in
            " (\(change.by) \(change.role.map { "granted \(change.person) the \($0.rawValue) role" } ?? "withdrew \(change.person)'s grant")"
                + " at \(ISO8601DateFormatter().string(from: change.at)))"
        } ?? ""
        return "the roles changed while this change was being made\(what); look again with `handoff people` and try again"
    }
}
