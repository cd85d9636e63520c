import ArgumentParser

/// `handoff shadow ...`: a draft rulebook deciding the live stream beside the one in force.
struct ShadowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shadow",
        abstract: "Run a draft rulebook beside the live one on every lead routed, and compare.",
        discussion: """
            From `shadow start` on, every lead the live rulebook decides (by `handoff route`, the console or the \
            demo, in any process on this database) is also decided by the draft, from the draft's own simulated \
            pool state; nothing the draft decides is assigned. Where the two part (another route, pool, owner or \
            exception) is kept apart from the handoff log. One shadow runs at a time.
            """,
        subcommands: [ShadowStartCommand.self, ShadowReportCommand.self, ShadowStopCommand.self, ShadowPromoteCommand.self]
    )
}
