import Foundation
import Testing

/// A temporary folder set up as a user would: `handoff init` (the example rulebook and an empty
/// handoff.db), then `handoff demo --headless --leads 50 --seed 3 --db demo.db --rules rulebook.yaml` at a
/// fixed time: the demo's stream, routed by the example rulebook (without the demo's hour, not needed here).
final class Workspace {
    /// Tuesday afternoon in Berlin, morning in New York and São Paulo: every example owner is at work.
    static let now = "2026-11-24T14:30:00Z"
    static let later = "2026-11-24T15:00:00Z"

    let directory: URL

    init(leads: Int = 50, seed: Int = 3) throws {
        directory = try HandoffBinary.temporaryDirectory()
        let initialised = try HandoffBinary.run(["init"], in: directory)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let demo = try HandoffBinary.run(
            ["demo", "--headless", "--leads", "\(leads)", "--seed", "\(seed)", "--now", Self.now, "--db", "demo.db", "--rules", "rulebook.yaml", "--minutes", "0"],
            in: directory
        )
        #expect(demo.status == 0, "\(demo.stderr)")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// `handoff ARGUMENTS` in the workspace.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> HandoffBinary.Result {
        try HandoffBinary.run(arguments, environment: environment, in: directory)
    }

    /// An operator command on the demo database as olga, a while after the demo ran.
    func act(_ arguments: [String], as name: String = "olga") throws -> HandoffBinary.Result {
        try run(arguments + ["--db", "demo.db", "--now", Self.later, "--operator", name])
    }

    /// `handoff COMMAND --json ... --db demo.db`, parsed.
    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments + ["--json", "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    /// The first flagged lead the router proposed an owner for: (id, proposed owner, version).
    func flaggedWithProposal() throws -> (id: String, owner: String, version: Int) {
        let leads = try #require(try json(["leads", "--state", "flagged"])["leads"] as? [[String: Any]])
        let lead = try #require(leads.first { $0["owner_proposed"] as? Bool == true })
        return (try #require(lead["id"] as? String), try #require(lead["owner"] as? String), try #require(lead["version"] as? Int))
    }
}
