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

    @Argument(help: ArgumentHelp("Lead ids (L-0000007, or just 7).", valueName: "lead"))
    var leads: [String] = []

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
        try OperatorRun(verb: "disqualify", command: .disqualify(reason: reason), opened: opened).run(targets, json: output.json)
    }
}
