import ArgumentParser
import Foundation

/// `handoff disqualify LEAD... --reason TEXT`: not a real lead (spam, a test, out of market); closes it.
struct DisqualifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disqualify",
        abstract: "Close leads that are not real leads, with the reason.",
        discussion: """
            Works on any open lead; a disqualified lead is closed for good. Here --reason is your reason, \
            kept in the log; to filter by a flag's reason code use --reason-code.

            """ + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @Option(name: .long, help: ArgumentHelp("Why, in your words; kept in the log.", valueName: "text"))
    var reason: String

    @OptionGroup var targets: OperatorTargets<CodedLeadFilterOptions>

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason needs some words.") }
    }

    func run() throws { try targets.run("disqualify", .disqualify(reason: reason)) }
}
