import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff owner ...`: changes to one owner that take effect without editing the rulebook.
struct OwnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owner",
        abstract: "Change one owner at run time (out of office, pause, resume).",
        subcommands: [OwnerSetOOOCommand.self, OwnerClearOOOCommand.self, OwnerPauseCommand.self, OwnerResumeCommand.self]
    )
}

/// `handoff owner clear-ooo OWNER`.
struct OwnerClearOOOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear-ooo",
        abstract: "Withdraw the out-of-office windows set for an owner with set-ooo or the console.",
        discussion: """
            The rulebook's own windows stay (they live in its file). The withdrawn windows are kept in the \
            database with who withdrew them and when, so a replay of an earlier decision still sees them.

            Exit codes: 0 withdrawn (or none to withdraw), 1 the rulebook has errors, 2 the rulebook or \
            database could not be read, 3 your role may not (a lead's: `handoff people`), 64 the command line is wrong (unknown owner).
            """
    )

    @Argument(help: ArgumentHelp("The owner's id in the rulebook.", valueName: "owner"))
    var owner: String

    @OptionGroup var desk: DeskOptions

    func run() throws {
        let opened = try desk.open()
        guard let known = opened.rules.rulebook.owner(owner) else {
            let owners = opened.rules.rulebook.owners.map(\.id).joined(separator: ", ")
            Console.error("handoff: no owner '\(owner)' in the rulebook; owners are \(owners).")
            throw ExitCode.validationFailure
        }
        let withdrawn = try StoreFailure.guarded {
            try OwnerCommand.refusing { try opened.desk.withdrawAbsences(owner: owner, actor: opened.operatorName) }
        }
        let own = known.outOfOffice.filter { $0.end > opened.desk.clock() }.isEmpty ? "" : " The rulebook's own window stays."
        if withdrawn.isEmpty {
            print("\(owner) has no out-of-office window set with set-ooo.\(own)")
        } else {
            let windows = withdrawn.map { "\($0.from)..\($0.until)" }.joined(separator: ", ")
            print("\(owner): withdrew \(windows) (by \(opened.operatorName)).\(own)")
        }
    }
}

/// `handoff owner set-ooo OWNER --from DAY --until DAY`.
struct OwnerSetOOOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-ooo",
        abstract: "Mark an owner out of office from one day through another (their local dates, inclusive).",
        discussion: """
            The router passes the owner over for the whole window, on their own clock, and `owners` and \
            `explain` say until when. Recorded in the database with who set it; the rulebook file is not changed.

            Exit codes: 0 set, 1 the rulebook has errors, 2 the rulebook or database could not be read, \
            3 your role may not (a lead's: `handoff people`), 64 the command line is wrong (unknown owner, bad dates).
            """
    )

    @Argument(help: ArgumentHelp("The owner's id in the rulebook.", valueName: "owner"))
    var owner: String

    @Option(help: ArgumentHelp("First day away, YYYY-MM-DD.", valueName: "day"))
    var from: String

    @Option(help: ArgumentHelp("Last day away, YYYY-MM-DD (inclusive).", valueName: "day"))
    var until: String

    @OptionGroup var desk: DeskOptions

    func validate() throws {
        guard let first = CalendarDay(from) else { throw ValidationError("--from '\(from)' is not a date; write it like 2026-12-20.") }
        guard let last = CalendarDay(until) else { throw ValidationError("--until '\(until)' is not a date; write it like 2027-01-04.") }
        guard first <= last else { throw ValidationError("--until \(until) is before --from \(from).") }
    }

    func run() throws {
        let opened = try desk.open()
        guard opened.rules.rulebook.owner(owner) != nil else {
            let known = opened.rules.rulebook.owners.map(\.id).joined(separator: ", ")
            Console.error("handoff: no owner '\(owner)' in the rulebook; owners are \(known).")
            throw ExitCode.validationFailure
        }
        try StoreFailure.guarded {
            try OwnerCommand.refusing { try opened.desk.setAbsence(owner: owner, from: from, until: until, actor: opened.operatorName) }
        }
        print("\(owner) is out of office from \(from) through \(until) (set by \(opened.operatorName)).")
    }
}

extension OwnerCommand {
    /// Runs a desk change, turning its refusals (not allowed: exit 3; otherwise 1) into a message and an exit code.
    static func refusing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DeskError {
            Console.error("handoff: \(error.description).")
            if case .notAllowed = error { throw ExitCode.refused }
            throw ExitCode.failure
        }
    }
}
