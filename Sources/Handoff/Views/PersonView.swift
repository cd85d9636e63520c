import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// One person in `handoff people`: their role in force and where it comes from.
struct PersonView: Encodable {
    var person: String
    var role: String
    /// granted, rulebook, everyone or no-people (`Roles.Source`).
    var source: String
    /// What the rulebook alone gives them, which a withdrawal returns them to.
    var rulebookRole: String
    var grantedBy: String?
    var grantedAt: Date?

    init(person: String, roles: Roles, grant: RoleGrantChange?) {
        self.person = person
        role = roles.role(of: person).rawValue
        source = roles.source(of: person).rawValue
        rulebookRole = roles.with(person, nil).role(of: person).rawValue
        grantedBy = grant?.by
        grantedAt = grant?.at
    }

    /// Where a role comes from, for a sentence.
    static func words(_ source: Roles.Source) -> String {
        switch source {
        case .granted: "granted in the database"
        case .rulebook: "from the rulebook's people:"
        case .everyone: "the rulebook's everyone:"
        case .noPeople: "as everyone while the rulebook has no people:"
        }
    }

    var fromText: String {
        if let grantedBy, let grantedAt { return "granted by \(grantedBy) \(InstantText.format(grantedAt)) (rulebook: \(rulebookRole))" }
        return source == Roles.Source.rulebook.rawValue ? "rulebook" : source
    }
}

struct PeopleListJSON: Encodable {
    var people: [PersonView]
    /// The role of anyone not listed, and why (everyone: or no-people).
    var everyone: String
    var everyoneSource: String
}

/// The `people` table.
enum PeopleTable {
    static func lines(_ people: [PersonView], style: TextStyle) -> [String] {
        let table = TextTable([.init("PERSON", maxWidth: 32), .init("ROLE"), .init("FROM")])
        return table.render(people.map { [.init($0.person), .init($0.role), .init($0.fromText)] }, style: style)
    }
}

/// One grant or withdrawal in `handoff people history`.
struct GrantChangeView: Encodable {
    var seq: Int64
    var at: Date
    var by: String
    var person: String
    /// The role granted; nil for a withdrawal.
    var role: String?

    init(_ change: RoleGrantChange) {
        seq = change.seq
        at = change.at
        by = change.by
        person = change.person
        role = change.role?.rawValue
    }
}

struct GrantHistoryJSON: Encodable {
    var changes: [GrantChangeView]
}

/// The `people history` table.
enum GrantHistoryTable {
    static func lines(_ changes: [GrantChangeView], style: TextStyle) -> [String] {
        let table = TextTable([.init("TIME"), .init("BY", maxWidth: 32), .init("PERSON", maxWidth: 32), .init("CHANGE")])
        return table.render(changes.map { c in
            [.init(InstantText.format(c.at)), .init(c.by), .init(c.person), .init(c.role.map { "granted \($0)" } ?? "withdrew the grant")]
        }, style: style)
    }
}
