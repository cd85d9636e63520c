import Foundation
import Testing

/// Two operators' consoles on one workspace: each sees the other on the lead under its cursor, and an
/// action on a lead the other claimed asks first.
@Suite("Claims and presence end to end", .serialized)
struct ClaimsConsoleTests {
    static func console(_ workspace: ConsoleWorkspace, as name: String, extra: [String] = []) throws -> TmuxSession {
        try TmuxSession.handoff(
            ["console", "--db", workspace.database, "--rules", workspace.rulebook, "--now", ConsoleWorkspace.now, "--operator", name] + extra,
            width: 100, height: 30, directory: workspace.directory, environment: workspace.environment
        )
    }

    @Test("B sees A on the lead under its cursor; B's approve of the lead A claimed asks first, and yes goes through")
    func twoConsoles() async throws {
        let workspace = try ConsoleWorkspace()
        let target = try workspace.firstProposed()
        let a = try Self.console(workspace, as: "ana")
        _ = try await openExceptions(a)
        try await moveCursor(a, to: target)
        try a.send(keys: "c")
        try await a.waitFor(text: "claimed \(target)", timeout: ConsoleWorkspace.timeout)
        #expect(try workspace.events(target).last?["kind"] as? String == "claimed")

        let b = try Self.console(workspace, as: "ben")
        _ = try await openExceptions(b)
        try await moveCursor(b, to: target)
        // A's console reports ana on the lead every couple of seconds; B reads it for the lead it shows.
        let seen = try await b.waitUntil("ana on \(target) in B's status line", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("also here: ana (console on ") } && cursorLead(rows) == target
        }
        // The Exceptions list names the claimant on the lead's row.
        #expect(seen.contains { $0.contains(target) && $0.contains("ana") }, "\(TmuxSession.framed(seen))")

        try b.send(keys: "a")
        let asked = try await b.waitFor(text: "Claimed by ana", timeout: ConsoleWorkspace.timeout)
        #expect(asked.contains { $0.contains("ana claimed \(target)") && $0.contains("approve anyway?") }, "\(TmuxSession.framed(asked))")
        #expect(try workspace.events(target).last?["kind"] as? String == "claimed", "nothing was done before the answer")
        try b.send(keys: "y")
        try await b.waitFor(text: "approve \(target): now assigned", timeout: ConsoleWorkspace.timeout)
        let last = try #require(try workspace.events(target).last)
        #expect(last["kind"] as? String == "approved" && last["actor"] as? String == "ben")
        a.kill()
        b.kill()
    }

    @Test("a read-only wallboard shows who else is on its lead but is never shown itself: it writes nothing")
    func readOnlyShowsOthersButIsNotShown() async throws {
        let workspace = try ConsoleWorkspace()
        let target = try workspace.firstProposed()
        let a = try Self.console(workspace, as: "ana")
        _ = try await openExceptions(a)
        try await moveCursor(a, to: target)
        let wall = try Self.console(workspace, as: "wall", extra: ["--read-only"])
        _ = try await openExceptions(wall)
        try await moveCursor(wall, to: target)
        try await wall.waitUntil("ana on \(target) on the wallboard", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("also here: ana (console on ") } && cursorLead(rows) == target
        }
        // The wallboard has been on the lead for longer than two of ana's reports: she would see it by now.
        for _ in 0..<10 {
            try await Task.sleep(for: .milliseconds(500))
            let rows = try a.screen()
            #expect(!rows.contains { $0.contains("also here") }, "\(TmuxSession.framed(rows))")
        }
        a.kill()
        wall.kill()
    }
}
