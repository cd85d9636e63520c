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

    @Argument(help: ArgumentHelp("Lead ids (L-0000007, or just 7).", valueName: "lead"))
    var leads: [String] = []

    @Option(name: .long, help: ArgumentHelp("The owner id to assign to.", valueName: "owner"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Why, in your words; kept in the log.", valueName: "text"))
    var reason: String

    @OptionGroup(title: "Selecting leads") var selection: SelectionOptions
    @OptionGroup(title: "Filters (with --filter)") var filters: CodedLeadFilterOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason needs some words.") }
        try selection.validate(ids: leads, filters: filters)
    }

    func run() throws {
        let opened = try desk.open()
        let targets = try StoreFailure.guarded { try selection.targets(ids: leads, filters: filters, store: opened.store) }
        try OperatorRun(verb: "reassign", command: .reassign(to: to, reason: reason), opened: opened).run(targets, json: output.json)
    }
}
