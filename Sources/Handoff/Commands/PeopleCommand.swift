import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff people ...`: who has which role, and a lead's grants and withdrawals that need no rulebook edit.
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "List people's roles; grant or withdraw a role in the database (a lead's).",
        discussion: """
            A role granted in the database overrides the rulebook's people: for that person, whichever way; \
            anyone without a grant has the rulebook's role, the everyone: role when it does not name them, \
            or lead when it has no people: at all. Grants are shared by every process on the workspace and \
            hold from the next action on, without a reload.
            """,
        subcommands: [PeopleListCommand.self, PeopleGrantCommand.self, PeopleWithdrawCommand.self, PeopleHistoryCommand.self],
        defaultSubcommand: PeopleListCommand.self
    )

    /// Opens the desk and runs `body`, turning refusals into exit codes: 3 for a role that may not or
    /// grants changed meanwhile, 64 for a name that cannot hold a role, 1 for nothing to withdraw.
    static func change(_ desk: DeskOptions, _ body: (DeskOptions.Opened) throws -> Void) throws {
        let opened = try desk.open()
        try StoreFailure.guarded {
            do {
                try body(opened)
            } catch let error as DeskError {
                Console.error("handoff: \(error.description).")
                switch error {
                case .notAllowed, .noLeadLeft: throw ExitCode.refused
                case .notAPerson: throw ExitCode.validationFailure
                default: throw ExitCode.failure
                }
            } catch let changed as RoleGrantsChanged {
                Console.error("handoff: \(changed).")
                throw ExitCode.refused
            }
        }
    }

    static func validRole(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw ValidationError("'\(text)' is not a role; roles are " + Role.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return role
    }
}

/// `handoff people [list]`.
struct PeopleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Everyone named in the rulebook's people: or granted a role in the database, with their role and where it comes from.",
        discussion: """
            FROM says where each role comes from: granted (with who granted it and when), rulebook (the \
            person's line in people:), or everyone (the rulebook's everyone: for a person with a withdrawn \
            grant and no line). The last line gives the role of anyone not listed.

            Exit codes: 0 success, 1 the rulebook has errors, 2 the rulebook or the database could not be read, \
            64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let rulebook = try rules.load(lintWeek: try clock.clock()()).rulebook
        let grants = try StoreFailure.guarded { try store.roleGrants() }
        let roles = Roles(people: rulebook.people, granted: grants.roles)
        let people = roles.named.map { PersonView(person: $0, roles: roles, grant: grants.grant(of: $0)) }
        let everyone = roles.people?.everyone ?? .lead
        let everyoneSource = roles.people == nil ? Roles.Source.noPeople : .everyone
        if output.json {
            print(JSONOutput.document(PeopleListJSON(people: people, everyone: everyone.rawValue, everyoneSource: everyoneSource.rawValue)))
            return
        }
        if people.isEmpty {
            print("No one is named in the rulebook's people: or granted a role in the database.")
        } else {
            for line in PeopleTable.lines(people, style: output.style) { print(line) }
        }
        let why = roles.people == nil ? "the rulebook has no people:" : "the rulebook's everyone:"
        print("Anyone else: \(everyone.rawValue) (\(why)).")
    }
}

/// `handoff people grant NAME ROLE`.
struct PeopleGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Give a person a role in the database, over the rulebook's (a lead's to do).",
        discussion: """
            Recorded with who granted it and when; every console, command and server on the workspace holds \
            the person to it from their next action. `handoff people withdraw NAME` hands them back to the \
            rulebook. A change that would leave no one a lead is refused.

            Exit codes: 0 granted, 1 the rulebook has errors, 2 the rulebook or database could not be read, \
            3 your role may not (a lead's), the change would leave no lead, or the roles changed meanwhile, \
            64 the command line is wrong (unknown role, a name that cannot hold one).
            """
    )

    @Argument(help: ArgumentHelp("The person, as they name themselves with --operator.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("viewer, operator or lead.", valueName: "role"))
    var role: String

    @OptionGroup var desk: DeskOptions

    func validate() throws { _ = try PeopleCommand.validRole(role) }

    func run() throws {
        let role = try PeopleCommand.validRole(role)
        try PeopleCommand.change(desk) { opened in
            let before = try opened.desk.roles()
            try opened.desk.grant(role, to: name, actor: opened.operatorName)
            let was = "\(before.role(of: name).rawValue), \(PersonView.words(before.source(of: name)))"
            print("\(name) is \(role == .operator ? "an" : "a") \(role.rawValue) now (granted by \(opened.operatorName); was \(was)).")
        }
    }
}

/// `handoff people withdraw NAME`.
struct PeopleWithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw the role granted to a person in the database: the rulebook's holds for them again (a lead's to do).",
        discussion: """
            The grant stays in the history (`handoff people history`) with who withdrew it and when. A \
            withdrawal that would leave no one a lead is refused.

            Exit codes: 0 withdrawn, 1 the rulebook has errors or the person has no grant to withdraw, 2 the \
            rulebook or database could not be read, 3 your role may not (a lead's), the change would leave \
            no lead, or the roles changed meanwhile, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The person.", valueName: "name"))
    var name: String

    @OptionGroup var desk: DeskOptions

    func run() throws {
        try PeopleCommand.change(desk) { opened in
            try opened.desk.withdrawGrant(of: name, actor: opened.operatorName)
            let now = try opened.desk.roles()
            let role = now.role(of: name)
            print("\(name)'s grant is withdrawn (by \(opened.operatorName)): \(role == .operator ? "an" : "a") \(role.rawValue) again, "
                  + "\(PersonView.words(now.source(of: name))).")
        }
    }
}

/// `handoff people history [NAME]`.
struct PeopleHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every grant and withdrawal made in the database, oldest first: who, to whom, what, when.",
        discussion: """
            Exit codes: 0 success, 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("Only this person's.", valueName: "name"))
    var name: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let changes = try StoreFailure.guarded { try store.roleGrantHistory(person: name) }.map(GrantChangeView.init)
        if output.json {
            print(JSONOutput.document(GrantHistoryJSON(changes: changes)))
        } else if changes.isEmpty {
            print(name.map { "No role has been granted to \($0) in the database." } ?? "No role has been granted in the database.")
        } else {
            for line in GrantHistoryTable.lines(changes, style: output.style) { print(line) }
        }
    }
}
