import ArgumentParser

/// `handoff approve LEAD...`: a flagged lead goes to the owner the router proposed.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Assign flagged leads to the owners proposed for them.",
        discussion: OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @Argument(help: ArgumentHelp("Lead ids (L-0000007, or just 7).", valueName: "lead"))
    var leads: [String] = []

    @OptionGroup(title: "Selecting leads") var selection: SelectionOptions
    @OptionGroup(title: "Filters (with --filter)") var filters: LeadFilterOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func validate() throws { try selection.validate(ids: leads, filters: filters) }

    func run() throws {
        let opened = try desk.open()
        let targets = try StoreFailure.guarded { try selection.targets(ids: leads, filters: filters, store: opened.store) }
        try OperatorRun(verb: "approve", command: .approve, opened: opened).run(targets, json: output.json)
    }
}
