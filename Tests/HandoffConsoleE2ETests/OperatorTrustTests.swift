import Foundation
import Testing

/// An operator's trust in the console, at the keyboard: a console that only watches writes nothing, a
/// clock far from the workspace's acts on nothing in bulk unasked, and `u` puts things back as they were.
@Suite("Operator trust end to end", .serialized)
struct OperatorTrustTests {
    /// Keys are typed at a person's pace, not a program's.
    static let pace: Duration = .milliseconds(150)

    static func type(_ session: TmuxSession, keys: String...) async throws {
        for key in keys {
            try session.send(keys: key)
            try await Task.sleep(for: pace)
        }
    }

    static func type(_ session: TmuxSession, text: String) async throws {
        try session.send(text: text)
        try await Task.sleep(for: pace)
    }

    /// The number of entries in the workspace's log (`handoff doctor --json`).
    static func logEntries(_ workspace: ConsoleWorkspace) throws -> Int {
        let result = try workspace.cli(["doctor", "--db", workspace.database, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
        return try #require(report["events"] as? Int)
    }

    /// The rulebook versions the workspace has recorded (`handoff rules history --json`).
    static func recordedRulebooks(_ workspace: ConsoleWorkspace) throws -> String {
        let result = try workspace.cli(["rules", "history", "--db", workspace.database, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Watches the log for `period`, failing as soon as an entry is added.
    static func expectNoNewEntries(_ workspace: ConsoleWorkspace, from count: Int, for period: Duration) async throws {
        let deadline = ContinuousClock.now + period
        while ContinuousClock.now < deadline {
            let now = try logEntries(workspace)
            #expect(now == count, "the console wrote \(now - count) log entries")
            if now != count { return }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// `handoff console` on the workspace with the real clock (no --now): the workspace's log stops at
    /// the demo's fixed time, days before it.
    static func consoleOnRealClock(_ workspace: ConsoleWorkspace, rules: String, extra: [String] = []) throws -> TmuxSession {
        try TmuxSession.handoff(
            ["console", "--db", workspace.database, "--rules", rules, "--operator", "ana"] + extra,
            width: 100, height: 30, directory: workspace.directory, environment: workspace.environment
        )
    }

    /// The example rulebook with another SLA: a version the workspace has not recorded.
    static func changedRulebook(_ workspace: ConsoleWorkspace) throws -> String {
        let text = try String(contentsOfFile: workspace.rulebook, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "accept_within: 30m", with: "accept_within: 45m")
        #expect(changed != text)
        let path = workspace.directory.appendingPathComponent("changed.yaml").path
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a --read-only console on a workspace days behind the clock writes nothing: no SLA sweep, no rulebook record")
    func readOnlyWritesNothing() async throws {
        let workspace = try ConsoleWorkspace()
        let entries = try Self.logEntries(workspace)
        let rulebooks = try Self.recordedRulebooks(workspace)
        let session = try Self.consoleOnRealClock(workspace, rules: try Self.changedRulebook(workspace), extra: ["--read-only"])
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "2")
        try await session.waitUntil("Exceptions with a lead under the cursor", timeout: ConsoleWorkspace.timeout) { cursorLead($0) != nil }
        try await Self.type(session, keys: "a")
        try await session.waitFor(text: "approve is disabled: this console is read-only", timeout: ConsoleWorkspace.timeout)
        // Refusals name the action as the operator knows it, not by its name in the code.
        try await Self.type(session, keys: "3", "o")
        let refused = try await session.waitFor(text: "is disabled: this console is read-only", timeout: ConsoleWorkspace.timeout)
        #expect(refused.contains { $0.contains("out of office is disabled") }, "\(TmuxSession.framed(refused))")
        #expect(!refused.contains { $0.contains("outOfOffice") })
        // The SLA timer of a console that acts runs within a second; this one must never.
        try await Self.expectNoNewEntries(workspace, from: entries, for: .seconds(3))
        try await quit(session)

        #expect(try Self.logEntries(workspace) == entries)
        #expect(try Self.recordedRulebooks(workspace) == rulebooks, "the read-only console recorded a rulebook")
    }

    @Test("a person the rulebook's people: makes a viewer gets a console that only watches, and says so in its header")
    func viewerByRulebookOnlyWatches() async throws {
        let workspace = try ConsoleWorkspace()
        let entries = try Self.logEntries(workspace)
        let text = try String(contentsOfFile: workspace.rulebook, encoding: .utf8)
        let path = workspace.directory.appendingPathComponent("people.yaml").path
        try (text + "\npeople:\n  maria: lead\n  ana: viewer\n").write(toFile: path, atomically: true, encoding: .utf8)
        // Asking for more than the rulebook gives changes nothing.
        let session = try Self.consoleOnRealClock(workspace, rules: path, extra: ["--role", "operator"])
        let header = try await session.waitFor(text: "ana (viewer)", timeout: ConsoleWorkspace.timeout)
        #expect(header.contains { $0.contains("Handoff · ana (viewer)") }, "\(TmuxSession.framed(header))")
        try await Self.type(session, keys: "2")
        try await session.waitUntil("Exceptions with a lead under the cursor", timeout: ConsoleWorkspace.timeout) { cursorLead($0) != nil }
        try await Self.type(session, keys: "a")
        try await session.waitFor(text: "approve is disabled: the viewer role cannot change leads", timeout: ConsoleWorkspace.timeout)
        try await Self.expectNoNewEntries(workspace, from: entries, for: .seconds(2))
        try await quit(session)
        #expect(try Self.logEntries(workspace) == entries)
    }

    @Test("a console whose clock is days past the workspace's holds routing and the SLA timer until :resume")
    func farClockHoldsBulkActions() async throws {
        let workspace = try ConsoleWorkspace()
        let entries = try Self.logEntries(workspace)
        let session = try Self.consoleOnRealClock(workspace, rules: workspace.rulebook)
        let dialog = try await session.waitFor(text: "Clock far from this workspace", timeout: ConsoleWorkspace.timeout)
        #expect(dialog.contains { $0.contains("Routing and the SLA timer are held") }, "\(TmuxSession.framed(dialog))")
        #expect(dialog.contains { $0.contains("--now 2026-11-24T") }, "\(TmuxSession.framed(dialog))")
        try await Self.expectNoNewEntries(workspace, from: entries, for: .seconds(3))

        // The operator's say: the timer runs on this clock, and leads past their SLA are acted on.
        try await Self.type(session, keys: "Escape", ":")
        try await Self.type(session, text: "resume")
        try await Self.type(session, keys: "Enter")
        let deadline = ContinuousClock.now + ConsoleWorkspace.timeout
        while try Self.logEntries(workspace) == entries, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        try await quit(session)
        let breaches = try workspace.cli(["log", "--db", workspace.database, "--json"]).stdout
        #expect(breaches.contains("\"sla_breached\"") || breaches.contains("\"rerouted\""), "nothing was acted on after :resume")
    }

    @Test("u after r and after x puts the lead back: no proposal, its own reason, its own clock")
    func undoRestoresTheLead() async throws {
        let workspace = try ConsoleWorkspace()
        let listed = try workspace.cli(["leads", "--state", "flagged", "--db", workspace.database, "--json"])
        let leads = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["leads"] as? [[String: Any]])
        let unproposed = try #require(leads.first { $0["owner_proposed"] as? Bool != true }?["id"] as? String, "no exception without a proposal")
        let before = try workspace.lead(unproposed)
        #expect(before["owner"] == nil || before["owner"] is NSNull)
        let session = try workspace.console()
        _ = try await openExceptions(session)
        try await moveCursor(session, to: unproposed)

        try await Self.type(session, keys: "r")
        try await Self.type(session, text: "chloe")
        try await Self.type(session, keys: "Enter")
        try await session.waitFor(text: "Reassign to chloe", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, text: "territory")
        try await Self.type(session, keys: "Enter")
        try await session.waitFor(text: "\(unproposed): now assigned -> chloe", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "u")
        try await session.waitFor(text: "\(unproposed): now flagged", timeout: ConsoleWorkspace.timeout)
        let afterReassign = try workspace.lead(unproposed)
        for key in ["state", "reason", "updated_at"] {
            #expect(afterReassign[key] as? String == before[key] as? String, "\(key) after undoing the reassignment: \(afterReassign)")
        }
        #expect(afterReassign["owner"] == nil || afterReassign["owner"] is NSNull, "chloe is still proposed: \(afterReassign)")
        // Nothing to approve: the undone reassignment is not waiting behind `a`.
        try await moveCursor(session, to: unproposed)
        try await Self.type(session, keys: "a")
        try await session.waitFor(text: "\(unproposed) has no proposed owner to approve", timeout: ConsoleWorkspace.timeout)

        try await Self.type(session, keys: "x")
        try await session.waitFor(text: "Disqualify", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, text: "test entry")
        try await Self.type(session, keys: "Enter")
        try await session.waitFor(text: "\(unproposed): now disqualified", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "u")
        try await session.waitFor(text: "\(unproposed): now flagged", timeout: ConsoleWorkspace.timeout)
        try await quit(session)

        let after = try workspace.lead(unproposed)
        for key in ["state", "reason", "updated_at"] {
            #expect(after[key] as? String == before[key] as? String, "\(key) after undoing the disqualification: \(after)")
        }
        #expect(after["owner"] == nil || after["owner"] is NSNull)
        // Both undos are in the log as compensating entries by the operator.
        let kinds = try workspace.events(unproposed).suffix(4).map { "\($0["kind"] ?? "") by \($0["actor"] ?? "")" }
        #expect(kinds == ["reassigned by ana", "flagged by ana", "disqualified by ana", "reopened by ana"], "\(kinds)")
    }

    @Test("u after a bulk approve puts both leads back with their proposals and clocks; u after p or o gives the owner back")
    func undoBulkApproveAndPause() async throws {
        // The demo's stream is mostly routine: a hundred leads leave a few exceptions with a proposal.
        let workspace = try ConsoleWorkspace(leads: 100)
        let listed = try workspace.cli(["leads", "--state", "flagged", "--db", workspace.database, "--json"])
        let leads = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["leads"] as? [[String: Any]])
        let proposed = leads.filter { $0["owner_proposed"] as? Bool == true }.compactMap { $0["id"] as? String }.sorted()
        try #require(proposed.count >= 2, "fewer than two exceptions with a proposal")
        let ids = Array(proposed.prefix(2))
        let before = try ids.map { try workspace.lead($0) }

        let session = try workspace.console()
        _ = try await openExceptions(session)
        for id in ids {
            try await moveCursor(session, to: id)
            try await Self.type(session, keys: "Space")
        }
        try await Self.type(session, keys: "a")
        try await session.waitFor(text: "Bulk approve", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "y")
        try await session.waitFor(text: "✔ approve 2 leads", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "u")
        try await session.waitFor(text: "✔ undo approve 2 leads", timeout: ConsoleWorkspace.timeout)

        for (id, was) in zip(ids, before) {
            let now = try workspace.lead(id)
            for key in ["state", "owner", "reason", "updated_at"] {
                #expect(now[key] as? String == was[key] as? String, "\(id) \(key) after undoing the approval: \(now)")
            }
        }

        // An owner's pause is taken back the same way.
        try await Self.type(session, keys: "3")
        try await session.waitFor(text: "pause/resume", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "p")
        try await Self.type(session, text: "lunch")
        try await Self.type(session, keys: "Enter")
        let paused = try await session.waitFor(text: "(u to undo)", timeout: ConsoleWorkspace.timeout)
        let owner = try #require(paused.lazy.compactMap { row in row.range(of: #"✔ (\w+) is paused"#, options: .regularExpression).map { String(row[$0].dropFirst(2).split(separator: " ")[0]) } }.first,
                                 "\(TmuxSession.framed(paused))")
        #expect(try Self.availability(workspace, owner).hasPrefix("paused"))
        try await Self.type(session, keys: "u")
        try await session.waitFor(text: "\(owner) takes leads again", timeout: ConsoleWorkspace.timeout)
        #expect(try Self.availability(workspace, owner) == "available")

        // And an out-of-office window, by withdrawing it.
        try await Self.type(session, keys: "o")
        try await Self.type(session, text: "2026-11-24..2026-11-25")
        try await Self.type(session, keys: "Enter")
        try await session.waitFor(text: "\(owner) is out of office 2026-11-24..2026-11-25", timeout: ConsoleWorkspace.timeout)
        #expect(try Self.availability(workspace, owner) != "available")
        try await Self.type(session, keys: "u")
        try await session.waitFor(text: "\(owner) is no longer out of office", timeout: ConsoleWorkspace.timeout)
        try await quit(session)
        #expect(try Self.availability(workspace, owner) == "available")
    }

    @Test("operator: in the config file names the operator; :mouse maybe and :theme drak say what they keep; errors stay with their view")
    func smallerPromises() async throws {
        let workspace = try ConsoleWorkspace()
        let config = workspace.directory.appendingPathComponent("config/handoff")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "operator: lena\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let id = try workspace.firstProposed()
        let session = try TmuxSession.handoff(
            ["console", "--db", workspace.database, "--rules", workspace.rulebook, "--now", ConsoleWorkspace.now],
            width: 100, height: 30, directory: workspace.directory, environment: workspace.environment
        )
        _ = try await openExceptions(session)
        try await moveCursor(session, to: id)
        try await Self.type(session, keys: "a")
        try await session.waitFor(text: "\(id): now assigned", timeout: ConsoleWorkspace.timeout)

        try await Self.type(session, keys: ":")
        try await Self.type(session, text: "mouse maybe")
        try await Self.type(session, keys: "Enter")
        try await session.waitFor(text: ":mouse takes on or off, not \"maybe\"; mouse stays off", timeout: ConsoleWorkspace.timeout)

        try await Self.type(session, keys: ":")
        try await Self.type(session, text: "theme drak")
        try await Self.type(session, keys: "Enter")
        let dialog = try await session.waitFor(text: "Keeping the dark theme", timeout: ConsoleWorkspace.timeout)
        #expect(dialog.contains { $0.contains("did you mean \"dark\"") }, "\(TmuxSession.framed(dialog))")
        #expect(!dialog.contains { $0.contains("using the built-in") }, "\(TmuxSession.framed(dialog))")
        try await Self.type(session, keys: "Escape")
        try await session.waitForAbsence(of: "Keeping the dark theme", timeout: ConsoleWorkspace.timeout)

        // An error about the Owners view does not stay on the screen once the operator is elsewhere.
        try await Self.type(session, keys: "3", "a")
        try await session.waitFor(text: "approve applies to leads", timeout: ConsoleWorkspace.timeout)
        try await Self.type(session, keys: "1")
        try await session.waitForAbsence(of: "approve applies to leads", timeout: .seconds(2))
        try await quit(session)

        let approved = try workspace.events(id).filter { $0["kind"] as? String == "approved" }
        #expect(approved.map { $0["actor"] as? String } == ["lena"], "\(approved)")
    }

    /// An owner's availability as `handoff owners --json` gives it at the workspace's time.
    static func availability(_ workspace: ConsoleWorkspace, _ owner: String) throws -> String {
        let result = try workspace.cli(["owners", "--db", workspace.database, "--rules", workspace.rulebook, "--now", ConsoleWorkspace.now, "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let owners = (document as? [[String: Any]]) ?? ((document as? [String: Any])?["owners"] as? [[String: Any]]) ?? []
        return try #require(owners.first { $0["id"] as? String == owner }?["availability"] as? String, "\(result.stdout)")
    }
}
