import ArgumentParser

/// `handoff rules ...`: the rulebook's own subcommands.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Work with rulebooks.",
        subcommands: [RulesCheckCommand.self, RulesTestCommand.self, RulesHistoryCommand.self, RulesDiffCommand.self]
    )
}
