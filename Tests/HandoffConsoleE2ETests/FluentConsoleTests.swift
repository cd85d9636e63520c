import Foundation
import Testing

/// Jump, copy and the operator's own keys, through the built binary in tmux.
@Suite("Fluent console end to end", .serialized)
struct FluentConsoleTests {
    @Test(":goto N selects the lead in its view and opens its detail")
    func jump() async throws {
        let workspace = try ConsoleWorkspace()
        let id = try workspace.firstProposed()
        // Wide enough for the detail pane to open beside the table rather than over it.
        let session = try workspace.console(width: 170, height: 40)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "3") // Owners: no leads listed, so the jump has to change views
        try session.send(text: ":goto \(Int(id.dropFirst(2))!)")
        try session.send(keys: "Enter")
        let rows = try await session.waitUntil("\(id) selected in Exceptions with its detail open", timeout: ConsoleWorkspace.timeout) { rows in
            cursorLead(rows) == id && rows.contains { $0.contains("SLA LEFT") } && rows.contains { $0.contains("Decision") }
        }
        #expect(rows.contains { $0.contains("\(id) in Exceptions") }, "\(TmuxSession.framed(rows))")
        // The same by id, with the detail closed first.
        try session.send(keys: "Escape", "1")
        try session.send(text: ":\(id)")
        try session.send(keys: "Enter")
        try await session.waitUntil("\(id) selected in Incoming", timeout: ConsoleWorkspace.timeout) { rows in
            cursorLead(rows) == id && rows.contains { $0.contains("\(id) in Incoming") }
        }
        try await quit(session)
    }

    @Test("y and Y put the id and the trace on the clipboard (tmux's buffer, with set-clipboard on)")
    func copy() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        _ = try session.tmux(["set-option", "-g", "set-clipboard", "on"])
        let id = try await openExceptions(session)
        try session.send(keys: "y")
        try await session.waitFor(text: "copied lead id \(id) to the clipboard", timeout: ConsoleWorkspace.timeout)
        try await waitForBuffer(session) { $0 == id }
        try session.send(keys: "Y")
        try await session.waitFor(text: "copied the trace of \(id)", timeout: ConsoleWorkspace.timeout)
        let trace = try await waitForBuffer(session) { $0.hasPrefix("\(id) flagged") }
        #expect(trace.split(separator: "\n").count > 1, "\(trace)")
        try await quit(session)
    }

    @Test("a key rebound in the config file works, shows on the hint bar, and a bad binding is reported with its line")
    func reboundKey() async throws {
        let workspace = try ConsoleWorkspace()
        let folder = workspace.directory.appendingPathComponent("config/handoff")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "keys:\n  approve: [v]\n  down: Ctl-N\n".write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let id = try workspace.firstProposed()
        let session = try workspace.console(width: 120)
        // The dialog wraps the long line after the place. Read once the whole dialog is on screen: a
        // capture can land between the terminal's writes of one frame.
        _ = try await session.waitUntil("the start-up problems dialog with the bad binding", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("Problems at start") }
                && rows.contains { $0.contains("config/handoff/config.yaml:3:9:") }
                && rows.contains { $0.contains("keys.down: \"Ctl-N\" is not a key") }
        }
        try session.send(keys: "Escape")
        _ = try await openExceptions(session)
        try await moveCursor(session, to: id)
        let rows = try session.screen()
        #expect(rows.last?.contains("v approve") == true, "\(TmuxSession.framed(rows))")
        try session.send(keys: "a") // no longer approve's key: nothing happens
        try session.send(keys: "v")
        try await session.waitFor(text: "✔ approve \(id)", timeout: ConsoleWorkspace.timeout)
        try await quit(session)
        #expect(try workspace.lead(id)["state"] as? String == "assigned")
    }

    /// Polls tmux's newest paste buffer until `done` holds, and returns it.
    @discardableResult
    func waitForBuffer(_ session: TmuxSession, _ done: (String) -> Bool) async throws -> String {
        var last = ""
        for _ in 0..<100 {
            last = (try? session.tmux(["show-buffer"])) ?? ""
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Spawn.Failure(description: "tmux's buffer never held what was copied; it holds: \(last)")
    }
}
