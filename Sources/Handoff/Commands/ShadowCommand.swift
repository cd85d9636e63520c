import ArgumentParser
import HandoffDesk
import HandoffStore

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

extension ShadowCommand {
    /// What `shadow stop` and `shadow promote` share: the workspace opened as a writing command opens it
    /// (a read-only or damaged file refused up front), and "no shadow is running" said on standard error
    /// with exit code 3.
    static func changingRunning<T>(_ database: DatabaseOptions, _ body: (any LeadStore) throws -> T) throws -> T {
        let store = try database.openExisting(writing: true)
        return try StoreFailure.guarded {
            do {
                return try body(store)
            } catch let none as NoShadowRunning {
                Console.error("handoff: \(none)")
                throw ExitCode.refused
            }
        }
    }
}
