import ArgumentParser
import HandoffCore

/// Everything an operator command that acts on many leads shares: the lead ids or `--filter`, the
/// filters, the desk it runs through and the output format. `Filters` differs only where the command
/// keeps `--reason` for the operator's own words (`reassign`, `disqualify`).
struct OperatorTargets<Filters: ParsableArguments & LeadFiltering>: ParsableArguments {
    @Argument(help: ArgumentHelp("Lead ids (L-0000007, or just 7).", valueName: "lead"))
    var leads: [String] = []

    @OptionGroup(title: "Selecting leads") var selection: SelectionOptions
    @OptionGroup(title: "Filters (with --filter)") var filters: Filters
    @OptionGroup var claims: ClaimOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var output: OutputOptions

    func validate() throws { try selection.validate(ids: leads, filters: filters) }

    /// Opens the desk, resolves the leads and applies `command` to each, reporting as `verb`.
    func run(_ verb: String, _ command: LeadCommand) throws {
        let opened = try desk.open()
        let targets = try StoreFailure.guarded { try selection.targets(ids: leads, filters: filters, store: opened.store) }
        try OperatorRun(verb: verb, command: command, opened: opened, force: claims.force).run(targets, json: output.json)
    }
}
