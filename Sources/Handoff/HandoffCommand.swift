import ArgumentParser

@main
struct HandoffCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "handoff",
        abstract: "Route inbound leads to the right owner by a rulebook kept in one YAML file.",
        discussion: """
            Handoff reads a rulebook (owners, the pools they share leads in, and the routes that send a \
            lead to a pool) and decides for each inbound lead who takes it, or flags it for a person \
            with a reason code and a trace that explains the decision.

            Subcommands:
              rules check   Check a rulebook; list every problem with its position.
              demo          Route synthetic leads in memory and show each decision.

            Exit codes:
              0   success (rulebook warnings allowed)
              1   the rulebook has errors
              2   a file could not be read
              64  the command line is wrong

            Environment:
              HANDOFF_RULES  rulebook path when none is given (otherwise ./rulebook.yaml)
              HANDOFF_NOW    reference time in ISO 8601 when --now is not given
              NO_COLOR       any non-empty value turns colour off
            """,
        version: version,
        subcommands: [RulesCommand.self, DemoCommand.self]
    )
}
