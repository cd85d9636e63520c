import ArgumentParser

/// `handoff accept LEAD...`: the owner has taken the lead on; it no longer counts toward their open load.
struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Record that owners took their assigned leads on.",
        discussion: "Run it as the owner (--operator owner:ben) or on their behalf.\n\n" + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
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
        try OperatorRun(verb: "accept", command: .accept, opened: opened).run(targets, json: output.json)
    }
}
