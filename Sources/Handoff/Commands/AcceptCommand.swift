import ArgumentParser

/// `handoff accept LEAD...`: the owner has taken the lead on; it no longer counts toward their open load.
struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Record that owners took their assigned leads on.",
        discussion: "Run it as the owner (--operator owner:ben) or on their behalf.\n\n" + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @OptionGroup var targets: OperatorTargets<LeadFilterOptions>

    func run() throws { try targets.run("accept", .accept) }
}
