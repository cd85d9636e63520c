import HandoffCore

/// A request the desk refuses before touching the store.
public enum DeskError: Error, Sendable, Hashable, CustomStringConvertible {
    case notADay(String)
    case endsBeforeItStarts(from: String, until: String)
    case alreadyPaused(owner: String, String)
    case notPaused(owner: String)
    case noSuchAbsence(owner: String, from: String, until: String)
    /// The person's role (a grant in the database, else the rulebook's `people:`) does not allow the action.
    case notAllowed(person: String, role: Role, needs: Role, action: String, source: Roles.Source)
    /// A withdrawal for someone who has no role granted in the database.
    case noGrant(person: String, role: Role, source: Roles.Source)
    /// A change of roles that would leave no one a lead, so no one could grant a role again.
    case noLeadLeft(person: String)
    /// A name roles cannot be given to.
    case notAPerson(String, why: String)

    public var description: String {
        switch self {
        case .notADay(let text): "'\(text)' is not a date; write it like 2026-12-20"
        case .endsBeforeItStarts(let from, let until): "the absence ends (\(until)) before it starts (\(from))"
        case .alreadyPaused(let owner, let text): "\(owner) is already \(text); resume them first to pause them for another reason"
        case .notPaused(let owner): "\(owner) is not paused, so there is nothing to resume"
        case .noSuchAbsence(let owner, let from, let until): "\(owner) has no out-of-office window \(from)..\(until) in force; `handoff owners` lists them"
        case .notAllowed(let person, let role, let needs, let action, let source):
            "\(person) is \(Self.article(role)) \(role.rawValue) and cannot \(action): that needs the \(needs.rawValue) role "
                + "(\(person)'s role: \(Self.words(source))); a lead gives it with `handoff people grant \(person) \(needs.rawValue)`"
        case .noGrant(let person, let role, let source):
            "\(person) has no role granted in the database to withdraw: they are \(Self.article(role)) \(role.rawValue) (\(Self.words(source))); "
                + "`handoff people grant \(person) ROLE` gives them another"
        case .noLeadLeft(let person):
            "that would leave no one a lead, and no one could grant a role again: grant someone else the lead role first "
                + "(`handoff people grant NAME lead`), then change \(person)'s"
        case .notAPerson(let name, let why):
            "'\(name)' cannot be given a role: \(why)"
        }
    }

    static func article(_ role: Role) -> String { role == .operator ? "an" : "a" }

    /// Where a role comes from, in words.
    static func words(_ source: Roles.Source) -> String {
        switch source {
        case .granted: "granted in the database"
        case .rulebook: "named in the rulebook's people:"
        case .everyone: "the rulebook's everyone:, for people it does not name"
        case .noPeople: "everyone is a lead while the rulebook has no people:"
        }
    }
}
