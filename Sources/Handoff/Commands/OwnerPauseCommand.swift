import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff owner pause OWNER [--reason TEXT]`.
struct OwnerPauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Take an owner out of routing until resumed (a meeting, a sick afternoon).",
        discussion: """
            The router passes the owner over ("paused by NAME: REASON") until `handoff owner resume`. Leads \
            they already have stay theirs and their SLA clocks keep running. Recorded in the database with \
            who paused them and why; the rulebook file is not changed.

            Exit codes: 0 paused, 1 the rulebook has errors or the owner is already paused, 2 the rulebook \
            or database could not be read, 3 your role may not (a lead's: `handoff people`), 64 the command line is wrong (unknown owner).
            """
    )

    @Argument(help: ArgumentHelp("The owner's id in the rulebook.", valueName: "owner"))
    var owner: String

    @Option(help: ArgumentHelp("Why, in a few words; shown wherever the owner is passed over.", valueName: "text"))
    var reason: String = ""

    @OptionGroup var desk: DeskOptions

    func run() throws {
        try OwnerPauseCommand.change(owner: owner, desk: desk) { opened in
            try opened.desk.pause(owner: owner, reason: reason, actor: opened.operatorName)
            let why = reason.isEmpty ? "" : ": \(reason)"
            print("\(owner) is paused (by \(opened.operatorName)\(why)); `handoff owner resume \(owner)` puts them back.")
        }
    }

    /// Opens the desk, checks the owner exists, and runs `body`, turning refusals into exit codes.
    static func change(owner: String, desk: DeskOptions, _ body: (DeskOptions.Opened) throws -> Void) throws {
        let opened = try desk.open()
        guard opened.rules.rulebook.owner(owner) != nil else {
            let known = opened.rules.rulebook.owners.map(\.id).joined(separator: ", ")
            Console.error("handoff: no owner '\(owner)' in the rulebook; owners are \(known).")
            throw ExitCode.validationFailure
        }
        try StoreFailure.guarded {
            do {
                try body(opened)
            } catch let error as DeskError {
                Console.error("handoff: \(error.description).")
                if case .notAllowed = error { throw ExitCode.refused }
                throw ExitCode.failure
            }
        }
    }
}

/// `handoff owner resume OWNER`.
struct OwnerResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Put a paused owner back into routing.",
        discussion: """
            Exit codes: 0 resumed, 1 the rulebook has errors or the owner is not paused, 2 the rulebook or \
            database could not be read, 3 your role may not (a lead's: `handoff people`), 64 the command line is wrong (unknown owner).
            """
    )

    @Argument(help: ArgumentHelp("The owner's id in the rulebook.", valueName: "owner"))
    var owner: String

    @Option(help: ArgumentHelp("A note for the record, e.g. \"back from the workshop\".", valueName: "text"))
    var reason: String = ""

    @OptionGroup var desk: DeskOptions

    func run() throws {
        try OwnerPauseCommand.change(owner: owner, desk: desk) { opened in
            try opened.desk.resume(owner: owner, reason: reason, actor: opened.operatorName)
            print("\(owner) takes leads again (resumed by \(opened.operatorName)).")
        }
    }
}
