import ArgumentParser

/// `handoff approve LEAD...`: a flagged lead goes to the owner the router proposed.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Assign flagged leads to the owners proposed for them.",
        discussion: OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @OptionGroup var targets: OperatorTargets<LeadFilterOptions>

    func run() throws { try targets.run("approve", .approve) }
}
