import Foundation
import Testing

/// An operator's work as it reads: keys at a human pace, the screen read back, the store checked after.
@Suite("Lists and cursor end to end", .serialized)
struct ListsAndCursorTests {
    /// The flagged leads as the store has them, newest first.
    static func flagged(_ workspace: ConsoleWorkspace) throws -> [[String: Any]] {
        let result = try workspace.cli(["leads", "--state", "flagged", "--limit", "100000", "--db", workspace.database, "--json"])
        guard result.status == 0,
              let listed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let leads = listed["leads"] as? [[String: Any]]
        else { throw Spawn.Failure(description: "leads --state flagged: \(result.stdout)\(result.stderr)") }
        return leads
    }

    /// A person's pause between two keys.
    static func humanPause() async throws { try await Task.sleep(for: .milliseconds(150)) }

    @Test("every exception the queue counts is reachable with G and by sorting, and the count agrees with the store")
    func everyExceptionIsReachable() async throws {
        let workspace = try ConsoleWorkspace(leads: 1_200)
        let flagged = try Self.flagged(workspace)
        let total = flagged.count
        try #require(total > 500, "the workspace should hold more exceptions than one old window: \(total)")
        let session = try workspace.console(width: 120, height: 36)
        _ = try await openExceptions(session)
        try await session.waitUntil("the tab and the list to count \(total)", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("2 Exceptions \(total)") && $0.contains("1-") && $0.contains("of \(total)") }
        }
        try session.send(keys: "G")
        let end = try await session.waitUntil("the last exception", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("-\(total) of \(total)") } && cursorLead(rows) != nil
        }
        let last = try #require(cursorLead(end))
        #expect(flagged.contains { $0["id"] as? String == last }, "\(last) is not flagged in the store")
        // Sorted by id, newest first, the newest exception of the store is on top.
        try session.send(keys: ":")
        try session.send(text: "sort id")
        try session.send(keys: "Enter")
        try await Self.humanPause()
        try session.send(keys: "S")
        try await session.waitFor(text: "sort: id ▼", timeout: ConsoleWorkspace.timeout)
        try await Self.humanPause()
        try session.send(keys: "g")
        let newest = try #require(flagged.first?["id"] as? String)
        try await session.waitUntil("the newest exception \(newest) on top", timeout: ConsoleWorkspace.timeout) { cursorLead($0) == newest }
        try await quit(session)
    }

    @Test("a filter then a at once approves the filter's first lead, without the cursor guard")
    func filterThenApprove() async throws {
        let workspace = try ConsoleWorkspace()
        let proposed = try workspace.firstProposed()
        let lead = try #require(try Self.flagged(workspace).first { $0["id"] as? String == proposed })
        let company = try #require((lead["company"] as? String)?.split(separator: " ").first.map { $0.lowercased() })
        let owner = try #require(lead["owner"] as? String, "\(lead)")
        let session = try workspace.console()
        _ = try await openExceptions(session)
        try session.send(keys: "/")
        try session.send(text: "\(company) owner:\(owner.uppercased())")
        try session.send(keys: "Enter")
        try await Self.humanPause()
        try session.send(keys: "a")
        let rows = try await session.waitUntil("the approval or a refusal", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("✔ approve") || $0.contains("nothing done") || $0.contains("list changed") }
        }
        #expect(!rows.contains { $0.contains("list changed") || $0.contains("nothing done") }, "\(TmuxSession.framed(rows))")
        let line = try #require(rows.first { $0.contains("✔ approve") })
        let approved = try #require(line.range(of: #"L-\d+"#, options: .regularExpression).map { String(line[$0]) })
        let after = try workspace.lead(approved)
        #expect(after["state"] as? String == "assigned")
        #expect(((after["fields"] as? [String: Any])?["company"] as? String)?.lowercased().contains(company) == true)
        try await quit(session)
    }

    @Test("a in the detail pane approves the lead on screen, and a second a does not approve the next one")
    func approveFromTheDetailPane() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console()
        _ = try await openExceptions(session)
        let target = try workspace.firstProposed()
        try await moveCursor(session, to: target)
        // The lead after it, which the cursor lands on once the approved lead leaves the queue.
        let rows = try session.screen()
        let index = try #require(rows.firstIndex { $0.contains("▶") })
        let next = rows.dropFirst(index + 1).compactMap { row in row.range(of: #"L-\d+"#, options: .regularExpression).map { String(row[$0]) } }.first
        try session.send(keys: "Enter")
        try await session.waitFor(text: "\(target) ·", timeout: ConsoleWorkspace.timeout)
        try await Self.humanPause()
        try session.send(keys: "a")
        try await session.waitFor(text: "✔ approve \(target)", timeout: ConsoleWorkspace.timeout)
        try await Self.humanPause()
        try session.send(keys: "a")
        let refused = try await session.waitUntil("the second a to answer about \(target)", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("✖") || $0.contains("cannot") || $0.contains("assigned") && $0.contains(target) && !$0.contains("✔") }
        }
        #expect(refused.contains { $0.contains("\(target) ·") }, "the pane left \(target)\n\(TmuxSession.framed(refused))")
        let approvals = try workspace.events(target).filter { $0["kind"] as? String == "approved" }
        #expect(approvals.count == 1)
        if let next {
            #expect(try workspace.lead(next)["state"] as? String == "flagged", "\(next) was changed")
        }
        try await quit(session)
    }

    @Test("an out-of-office window set in the console shows in its column and can be removed")
    func outOfOfficeSetAndRemoved() async throws {
        let workspace = try ConsoleWorkspace()
        let session = try workspace.console(width: 120, height: 30)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: "3")
        try await session.waitFor(text: "OUT OF OFFICE", timeout: ConsoleWorkspace.timeout)
        try session.send(keys: ":")
        try session.send(text: "ooo chloe 2026-11-24..2026-11-26")
        try session.send(keys: "Enter")
        let set = try await session.waitUntil("chloe away today", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("chloe") && $0.contains("out of office") && $0.contains("2026-11-24..2026-11-26 +1") }
        }
        #expect(set.contains { $0.contains("chloe is out of office 2026-11-24..2026-11-26") })
        let owners = try workspace.cli(["owners", "--db", workspace.database, "--rules", workspace.rulebook, "--now", ConsoleWorkspace.now, "--json"])
        #expect(owners.stdout.contains("2026-11-26"))
        try await Self.humanPause()
        try session.send(keys: ":")
        try session.send(text: "ooo chloe clear")
        try session.send(keys: "Enter")
        let cleared = try await session.waitUntil("chloe back", timeout: ConsoleWorkspace.timeout) { rows in
            rows.contains { $0.contains("chloe") && !$0.contains("out of office") && $0.contains("2026-12-20..2027-01-04") }
        }
        #expect(cleared.contains { $0.contains("chloe: removed 2026-11-24..2026-11-26") }, "\(TmuxSession.framed(cleared))")
        let after = try workspace.cli(["owners", "--db", workspace.database, "--rules", workspace.rulebook, "--now", ConsoleWorkspace.now, "--json"])
        #expect(!after.stdout.contains("2026-11-26"))
        try await quit(session)
    }
}
