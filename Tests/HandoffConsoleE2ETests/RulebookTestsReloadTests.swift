import Foundation
import Testing

/// The console's reload runs the tests beside the rulebook: a change that breaks them is refused like
/// an invalid file, with the failed cases shown, and the rulebook in force keeps running.
@Suite(.serialized) struct RulebookTestsReloadTests {
    @Test("a rulebook whose tests fail is not reloaded; once they pass it is")
    func reloadRunsTheTests() async throws {
        let workspace = try ConsoleWorkspace()
        let tests = workspace.directory.appendingPathComponent("rulebook.tests.yaml")
        try """
            cases:
              - name: small US leads go to na-smb
                at: 2026-11-24 10:00 America/New_York
                lead: {email: jo@initech.com, company: Initech, country: US, employees: 40}
                expect: {route: na-smb}

            """.write(to: tests, atomically: true, encoding: .utf8)
        let session = try workspace.console(width: 110, height: 30)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        let file = URL(fileURLWithPath: workspace.rulebook)
        let original = try String(contentsOf: file, encoding: .utf8)
        let draft = original.replacingOccurrences(of: "employees: \"< 200\"", with: "employees: \"< 20\"")
        #expect(draft != original)
        try draft.write(to: file, atomically: true, encoding: .utf8)
        try await session.waitFor(text: "rulebook.yaml has errors: not loaded", timeout: ConsoleWorkspace.timeout)
        try await session.waitFor(text: "Its tests fail (", timeout: ConsoleWorkspace.timeout)
        try await session.waitFor(text: "expected route na-smb, got none", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Enter")
        // The tests updated with the change: the reload goes through.
        try String(contentsOf: tests, encoding: .utf8).replacingOccurrences(of: "employees: 40", with: "employees: 10")
            .write(to: tests, atomically: true, encoding: .utf8)
        try draft.replacingOccurrences(of: "capacity: 60}", with: "capacity: 70}").write(to: file, atomically: true, encoding: .utf8)
        try await session.waitFor(text: "in force for leads decided from now on", timeout: ConsoleWorkspace.timeout)
        try await quit(session)
        let history = try workspace.cli(["rules", "history", "--db", workspace.database])
        // The demo's rulebook and the one reload that went through: the refused draft was never recorded.
        #expect(history.stdout.split(separator: "\n").count == 3, "\(history.stdout)")
    }
}
