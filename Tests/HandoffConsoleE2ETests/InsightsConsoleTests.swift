import Foundation
import Testing

@Suite("Insights end to end")
struct InsightsConsoleTests {
    @Test("5 shows the last day's review, and the header its two headline figures")
    func insights() async throws {
        let workspace = try ConsoleWorkspace()
        // Half an hour after the demo's leads arrived, so they are inside the last day.
        let session = try TmuxSession.handoff(
            ["console", "--db", workspace.database, "--rules", workspace.rulebook, "--now", "2026-11-24T15:00:00Z", "--operator", "ana"],
            width: 120, height: 40, directory: workspace.directory, environment: workspace.environment
        )
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "5")
        // The figures are painted as the review's reads come in: wait for the last block, not the first.
        _ = try await session.waitFor(text: "Intake → owner", timeout: ConsoleWorkspace.timeout)
        let rows = try await session.waitFor(text: "of 40 decided", timeout: ConsoleWorkspace.timeout)
        #expect(rows.contains { $0.contains("Last 1d · 40 leads") }, "\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("Exceptions") && $0.contains("of 40 decided") })
        #expect(rows[1].contains("owner p50"), "the header at 120 columns: \(rows[1])")
        try await quit(session)
    }
}
