import ArgumentParser
import Foundation

/// `handoff reassign LEAD... --to OWNER --reason TEXT`: an operator's judgment overrides the router's.
struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Assign leads to another owner, with the reason.",
        discussion: """
            Works on flagged and assigned leads. The owner must be in the rulebook (`handoff owners`). \
            Here --reason is your reason, kept in the log; to filter by a flag's reason code use --reason-code.

            """ + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @Option(name: .long, help: ArgumentHelp("The owner id to assign to.", valueName: "owner"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Why, in your words; kept in the log.", valueName: "text"))
    var reason: String

    @OptionGroup var targets: OperatorTargets<CodedLeadFilterOptions>

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason needs some words.") }
    }

    func run() throws { try targets.run("reassign", .reassign(to: to, reason: reason)) }
}
