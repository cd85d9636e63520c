import ArgumentParser

/// `handoff retry LEAD...`: back to the queue, for the next `handoff route` (say, after a rulebook fix).
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send flagged leads back to the queue to be routed again.",
        discussion: "Useful after fixing the rulebook: `handoff retry --filter --reason no_route`, then `handoff route`.\n\n"
            + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
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
        try OperatorRun(verb: "retry", command: .retry, opened: opened).run(targets, json: output.json)
    }
}
