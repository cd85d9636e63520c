import ArgumentParser

/// `handoff retry LEAD...`: back to the queue, for the next `handoff route` (say, after a rulebook fix).
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send flagged leads back to the queue to be routed again.",
        discussion: "Useful after fixing the rulebook: `handoff retry --filter --reason no_route`, then `handoff route`.\n\n"
            + OperatorHelp.selection + "\n\n" + OperatorHelp.exitCodes
    )

    @OptionGroup var targets: OperatorTargets<LeadFilterOptions>

    func run() throws { try targets.run("retry", .retry) }
}
