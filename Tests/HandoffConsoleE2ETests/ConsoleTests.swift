import Foundation
import Testing

/// A deterministic desk for the console: `handoff demo --headless --leads 40 --rules rulebook.yaml` (fixed seed and time)
/// into handoff.db, and the example rulebook as rulebook.yaml, in a temporary folder.
final class ConsoleWorkspace {
    static let now = "2026-11-24T14:30:00Z"
    static let later = "2026-11-24T14:31:00Z"
    static let timeout: Duration = .seconds(15)

    let directory: URL
    var database: String { directory.appendingPathComponent("handoff.db").path }
    var rulebook: String { directory.appendingPathComponent("rulebook.yaml").path }

    /// The environment for every program: nothing of the test's own Handoff settings or config.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": directory.path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "LANG": "C.UTF-8", "USER": "e2e",
        ]
    }

    init(seedDatabase: Bool = true, leads: Int = 40) throws {
        directory = try BuiltBinary.temporaryDirectory()
        let example = BuiltBinary.packageRoot.appendingPathComponent("examples/rulebook.yaml")
        try Data(contentsOf: example).write(to: directory.appendingPathComponent("rulebook.yaml"))
        if seedDatabase {
            // The demo's stream routed by the example rulebook the console runs (the demo's hour is not needed).
            let demo = try cli(["demo", "--headless", "--db", database, "--leads", "\(leads)", "--rules", rulebook, "--minutes", "0"])
            guard demo.status == 0 else { throw Spawn.Failure(description: "demo --headless failed: \(demo.stderr)") }
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// `handoff ARGUMENTS`, not on a terminal.
    func cli(_ arguments: [String]) throws -> Spawn.Result {
        guard let binary = BuiltBinary.handoff else { throw BuiltBinary.NotBuilt() }
        return try Spawn.run([binary.path] + arguments, environment: environment, timeout: .seconds(60))
    }

    /// `handoff console` over the workspace as ana, at the fixed time.
    func console(width: Int = 100, height: Int = 30, extra: [String] = []) throws -> TmuxSession {
        try TmuxSession.handoff(
            ["console", "--db", database, "--rules", rulebook, "--now", Self.now, "--operator", "ana"] + extra,
            width: width, height: height, directory: directory, environment: environment
        )
    }

    /// The lead's events from `handoff log LEAD --json`.
    func events(_ lead: String) throws -> [[String: Any]] {
        let result = try cli(["log", lead, "--db", database, "--json"])
        guard result.status == 0 else { throw Spawn.Failure(description: "log \(lead): \(result.status) \(result.stderr)") }
        return try result.stdout.split(separator: "\n").map { line in
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Spawn.Failure(description: "not an event: \(line)")
            }
            return event
        }
    }

    /// The first flagged lead (by id) with a proposed owner, from `handoff leads --json`.
    func firstProposed() throws -> String {
        let result = try cli(["leads", "--state", "flagged", "--db", database, "--json"])
        guard result.status == 0,
              let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let leads = listed["leads"] as? [[String: Any]],
              let id = leads.first(where: { $0["owner_proposed"] as? Bool == true })?["id"] as? String
        else { throw Spawn.Failure(description: "no flagged lead with a proposal: \(result.stdout)\(result.stderr)") }
        return id
    }

    /// The lead as `handoff show LEAD --json` reports it.
    func lead(_ id: String) throws -> [String: Any] {
        let result = try cli(["show", id, "--db", database, "--json"])
        guard result.status == 0 else { throw Spawn.Failure(description: "show \(id): \(result.status) \(result.stderr)") }
        guard let lead = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw Spawn.Failure(description: "not a lead: \(result.stdout)")
        }
        return lead
    }
}

/// The lead id on the row under the cursor (the one starting with "▶").
func cursorLead(_ rows: [String]) -> String? {
    guard let row = rows.first(where: { $0.contains("▶") }) else { return nil }
    guard let range = row.range(of: #"L-\d+"#, options: .regularExpression) else { return nil }
    return String(row[range])
}

/// Opens the console, waits for it to draw, switches to Exceptions and returns the lead under the cursor.
func openExceptions(_ session: TmuxSession) async throws -> String {
    try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
    try session.send(keys: "2")
    // Exceptions is the view with an SLA LEFT column.
    var rows = try await session.waitUntil("Exceptions with a lead under the cursor", timeout: ConsoleWorkspace.timeout) { rows in
        rows.contains { $0.contains("SLA LEFT") } && cursorLead(rows) != nil
    }
    // The view's first frame can come before its list is read in full, and the cursor then settles on
    // another lead: the lead under it is the one that stays there a moment.
    for _ in 0..<50 {
        try await Task.sleep(for: .milliseconds(300))
        let again = try session.screen()
        if cursorLead(again) != nil, cursorLead(again) == cursorLead(rows) { break }
        rows = again
    }
    return try #require(cursorLead(rows), "\(TmuxSession.framed(rows))")
}

/// In Exceptions, moves the cursor down (j) until it is on `id`.
/// Moves the list's cursor to `id`, up or down as the screen shows it: a list that refreshes or reorders
/// while keys are on their way can leave the cursor past its target, or at the end of the list.
func moveCursor(_ session: TmuxSession, to id: String) async throws {
    // Down unless the target shows above the cursor; the other way when the cursor stops at an end.
    var upward = false
    for _ in 0..<120 {
        let rows = try session.screen()
        let before = cursorLead(rows)
        if before == id { return }
        if let cursorRow = rows.firstIndex(where: { $0.contains("▶") }), let targetRow = rows.firstIndex(where: { $0.contains(id) }) {
            upward = targetRow < cursorRow
        }
        try session.send(keys: upward ? "k" : "j")
        let moved = (try? await session.waitUntil("the cursor to move off \(before ?? "nothing")", timeout: .seconds(3)) { cursorLead($0) != before }) != nil
        if !moved { upward.toggle() }
    }
    throw Spawn.Failure(description: "the cursor never reached \(id)\n\(TmuxSession.framed(try session.screen()))")
}

func quit(_ session: TmuxSession) async throws {
    try session.send(keys: "q")
    #expect(try await session.waitForExit(timeout: ConsoleWorkspace.timeout) == 0)
}

@Suite("Console end to end", .serialized)
struct ConsoleTests {
    @Test("a approves the lead under the cursor; the log has it, by the operator")
    func approve() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        _ = try await openExceptions(session)
        let id = try workspace.firstProposed()
        try await moveCursor(session, to: id)
        let before = try workspace.lead(id)
        #expect(before["state"] as? String == "flagged")
        #expect(before["owner_proposed"] as? Bool == true, "the first exception has no proposal: \(before)")
        try session.send(keys: "a")
        let rows = try await session.waitFor(text: "✔ approve", timeout: ConsoleWorkspace.timeout)
        #expect(rows.contains { $0.contains("✔ approve \(id): now assigned -> ") }, "\(TmuxSession.framed(rows))")
        try await quit(session)

        let after = try workspace.lead(id)
        #expect(after["state"] as? String == "assigned")
        #expect(after["owner"] as? String == before["owner"] as? String)
        let approved = try workspace.events(id).filter { $0["kind"] as? String == "approved" }
        #expect(approved.count == 1)
        #expect(approved.first?["actor"] as? String == "ana")
    }

    @Test("r picks an owner by typing, then takes a reason; the log keeps the reason")
    func reassign() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        let id = try await openExceptions(session)
        let current = try workspace.lead(id)["owner"] as? String
        let target: String = ["dan", "eve", "ben"].first(where: { $0 != current }) ?? "dan"
        try session.send(keys: "r")
        try session.send(text: target)
        try await session.waitFor(text: target, timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Enter")
        try await session.waitFor(text: "Reassign to \(target)", timeout: ConsoleWorkspace.timeout)
        try session.send(text: "knows the account")
        try await session.waitFor(text: "knows the account", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Enter")
        try await session.waitFor(text: "✔ reassign", timeout: ConsoleWorkspace.timeout)
        try await quit(session)

        let after = try workspace.lead(id)
        #expect(after["state"] as? String == "assigned")
        #expect(after["owner"] as? String == target)
        let reassigned = try workspace.events(id).filter { $0["kind"] as? String == "reassigned" }
        #expect(reassigned.count == 1)
        let event = try #require(reassigned.first)
        #expect(event["actor"] as? String == "ana")
        #expect(event["owner"] as? String == target)
        let reasons = [event["reason"] as? String, event["text"] as? String]
        #expect(reasons.contains("knows the account"), "\(event)")
    }

    @Test("n stores a note typed with non-ASCII characters exactly")
    func annotate() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        let id = try await openExceptions(session)
        let note = "Zoë: 株式会社 call back"
        try session.send(keys: "n")
        try await session.waitFor(text: "Note for", timeout: ConsoleWorkspace.timeout)
        try session.send(text: note)
        try await session.waitFor(text: "call back", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Enter")
        // The status line names the lead the note went to: the one the cursor was on.
        try await session.waitFor(text: "\(id): now", timeout: ConsoleWorkspace.timeout)
        try await quit(session)

        let notes = try workspace.events(id).filter { $0["kind"] as? String == "annotated" }
        #expect(notes.count == 1)
        #expect(notes.first?["text"] as? String == note, "\(notes)")
        #expect(notes.first?["actor"] as? String == "ana")
    }

    @Test("an approval on a lead another operator approved meanwhile is refused, naming who")
    func staleApprove() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        _ = try await openExceptions(session)
        let id = try workspace.firstProposed()
        try await moveCursor(session, to: id)
        // Live updates paused, the console keeps showing the lead as it was: what an operator saw when the
        // change landed (unpaused, the approved lead leaves Exceptions within a refresh).
        try session.send(keys: "Z")
        try await session.waitFor(text: "paused", timeout: ConsoleWorkspace.timeout)
        let elsewhere = try workspace.cli(["approve", id, "--db", workspace.database, "--rules", workspace.rulebook, "--operator", "ben", "--now", ConsoleWorkspace.later])
        #expect(elsewhere.status == 0, "\(elsewhere.stdout)\(elsewhere.stderr)")
        try await Task.sleep(for: .seconds(1))
        // The console may already show the change; the cursor must still be on the same lead to test the refusal.
        let rows = try session.screen()
        #expect(cursorLead(rows) == id, "the cursor moved off \(id)\n\(TmuxSession.framed(rows))")
        try session.send(keys: "a")
        let refused = try await session.waitFor(text: "Changed under you", timeout: ConsoleWorkspace.timeout)
        #expect(refused.contains { $0.contains("approved by ben") }, "\(TmuxSession.framed(refused))")
        try session.send(keys: "Enter")
        try await session.waitForAbsence(of: "Changed under you", timeout: ConsoleWorkspace.timeout)
        #expect(try session.isRunning())
        try await quit(session)

        let approved = try workspace.events(id).filter { $0["kind"] as? String == "approved" }
        #expect(approved.count == 1)
        #expect(approved.first?["actor"] as? String == "ben")
    }

    @Test("resizing redraws at every size, says when the terminal is too small, and recovers")
    func resize() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console(width: 100, height: 30)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.resize(width: 70, height: 20)
        try await session.waitUntil("a 70x20 frame", timeout: ConsoleWorkspace.timeout) { rows in
            rows.count == 20 && rows.contains { $0.contains("Handoff") } && rows.allSatisfy { $0.count <= 70 }
        }
        try session.resize(width: 30, height: 10)
        try await session.waitFor(text: "Terminal too small", timeout: ConsoleWorkspace.timeout)
        #expect(try session.isRunning())
        try session.resize(width: 120, height: 40)
        let rows = try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        #expect(!rows.contains { $0.contains("Terminal too small") }, "\(TmuxSession.framed(rows))")
        #expect(rows.count == 40)
        #expect(try session.isRunning())
        try await quit(session)
        try session.checkTerminalRestored()
    }

    @Test("q exits 0 and gives the terminal back")
    func quitRestores() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        #expect(try session.alternateScreen())
        try await quit(session)
        try session.checkTerminalRestored()
    }

    @Test("C-c exits and gives the terminal back")
    func interruptRestores() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "C-c")
        let status = try await session.waitForExit(timeout: ConsoleWorkspace.timeout)
        #expect(status == 0 || status == 130, "status \(status)")
        try session.checkTerminalRestored()
    }

    @Test("SIGTERM ends the console and gives the terminal back")
    func terminateRestores() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        // The database path is unique to this workspace, so only this console matches.
        let kill = try Spawn.run(["pkill", "-TERM", "-f", "console --db \(workspace.database)"], environment: workspace.environment)
        #expect(kill.status == 0, "\(kill.stderr)")
        let status = try await session.waitForExit(timeout: ConsoleWorkspace.timeout)
        #expect(status == 0 || status == 143, "status \(status)")
        try session.checkTerminalRestored()
    }

    @Test("the owner picker shows why the router passed each owner over")
    func pickerShowsPassReasons() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console(width: 120, height: 40)
        let target = try workspace.firstProposed()
        _ = try await openExceptions(session)
        try await moveCursor(session, to: target)
        try session.send(keys: "r")
        try await session.waitFor(text: "router:", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Escape")
        try await quit(session)
    }

    @Test("a saved rulebook file is reloaded: an invalid one is refused with its errors, a valid one takes effect")
    func reloadRulebook() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console(width: 110, height: 30)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        let file = URL(fileURLWithPath: workspace.rulebook)
        let original = try String(contentsOf: file, encoding: .utf8)
        try "version: 1\nname: broken\nowners: [\n".write(to: file, atomically: true, encoding: .utf8)
        try await session.waitFor(text: "rulebook.yaml has errors: not loaded", timeout: ConsoleWorkspace.timeout)
        try await session.waitFor(text: "rulebook.yaml:4:1: error:", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "Enter")
        try original.replacingOccurrences(of: "capacity: 60}", with: "capacity: 80}").write(to: file, atomically: true, encoding: .utf8)
        try await session.waitFor(text: "in force for leads decided from now on", timeout: ConsoleWorkspace.timeout)
        try await quit(session)
        let history = try workspace.cli(["rules", "history", "--db", workspace.database])
        #expect(history.stdout.split(separator: "\n").count == 3, "\(history.stdout)")
    }

    @Test("not on a terminal: exit 2, pointing at handoff leads")
    func notATerminal() async throws {
        let workspace = try ConsoleWorkspace()
        let result = try workspace.cli(["console", "--db", workspace.database, "--rules", workspace.rulebook])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("handoff leads"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test("the live demo fills Incoming and Exceptions, and q leaves it")
    func liveDemo() async throws {
        let workspace = try ConsoleWorkspace(seedDatabase: false)
        let session = try TmuxSession.handoff(
            ["demo", "--db", workspace.directory.appendingPathComponent("demo.db").path, "--speed", "20"],
            width: 120, height: 40, directory: workspace.directory, environment: workspace.environment
        )
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try await session.waitFor(text: "L-0", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "2")
        try await session.waitUntil("flagged leads in Exceptions", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("SLA LEFT") } && cursorLead(rows) != nil
        }
        try await quit(session)
        try session.checkTerminalRestored()
    }
}
