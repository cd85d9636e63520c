import Foundation
import Testing

/// `handoff simulate` run as a user would, on the demo workspace, with a draft that lowers the
/// enterprise route to 500 employees and adds ben to the North American pool.
@Suite struct SimulateTests {
    static func writeDraft(in workspace: Workspace, _ text: String? = nil) throws {
        let rulebook = try String(contentsOf: workspace.directory.appendingPathComponent("rulebook.yaml"), encoding: .utf8)
        let draft = text ?? rulebook
            .replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
            .replacingOccurrences(of: "members: [dan, eve]", with: "members: [dan, eve, ben]")
        try draft.write(to: workspace.directory.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
    }

    static func simulate(_ workspace: Workspace, _ extra: [String] = []) throws -> HandoffBinary.Result {
        try workspace.run(["simulate", "draft.yaml", "--db", "demo.db", "--now", Workspace.later] + extra)
    }

    @Test func printsTheDiffAndWritesNothing() throws {
        let workspace = try Workspace()
        try Self.writeDraft(in: workspace)
        let database = workspace.directory.appendingPathComponent("demo.db").path
        let before = FileManager.default.contents(atPath: database)
        let result = try Self.simulate(workspace, ["--limit", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.hasPrefix("Draft draft.yaml ('Acme inbound', version "))
        #expect(out.contains("over 50 leads received 2026-11-24T14:30:"))
        #expect(out.contains("\nChanged: "))
        #expect(out.contains("LEAD       BEFORE"))
        #expect(out.contains("(first 3 of "))
        for heading in ["Assignments per owner", "Outcomes (assigned, and flagged by reason)", "Fairness (Gini", "Coverage under the draft"] {
            #expect(out.contains(heading), "\(heading)")
        }
        #expect(out.contains("OWNER  BEFORE  AFTER  DELTA"))
        // The draft's lint warnings go to standard error, as `rules check` prints them.
        #expect(result.stderr.contains("draft.yaml:"))
        #expect(result.stderr.contains(": warning: pool 'emea-enterprise' has no available member"))
        #expect(FileManager.default.contents(atPath: database) == before)
        #expect(try workspace.run(["doctor", "--db", "demo.db"]).status == 0)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let workspace = try Workspace()
        try Self.writeDraft(in: workspace)
        let result = try Self.simulate(workspace, ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == [
            "draft", "draft_warnings", "current", "selection", "leads", "first_received", "last_received", "changed", "changes",
            "assigned", "flagged", "owners", "exceptions", "new_reasons", "vanished_reasons", "fairness", "coverage",
        ])
        #expect(json["leads"] as? Int == 50)
        let changes = try #require(json["changes"] as? [[String: Any]])
        let changed = try #require(json["changed"] as? Int)
        #expect(changed > 0 && changes.count == min(changed, 20))
        let first = try #require(changes.first)
        #expect(Set(first.keys).isSuperset(of: ["lead", "received_at", "before", "after", "why"]))
        let after = try #require(first["after"] as? [String: Any])
        #expect(after["assigned"] is Bool)
        let owners = try #require(json["owners"] as? [[String: Any]])
        #expect(owners.map { $0["owner"] as? String } == ["ana", "ben", "chloe", "dan", "eve"])
        #expect(owners.allSatisfy { ($0["after"] as? Int ?? 0) - ($0["before"] as? Int ?? 0) == $0["delta"] as? Int })
        let fairness = try #require(json["fairness"] as? [[String: Any]])
        #expect(fairness.map { $0["pool"] as? String } == ["emea-enterprise", "na-smb"])
        #expect(fairness.allSatisfy { Set($0.keys).isSuperset(of: ["pool", "method", "members", "leads_before", "leads_after"]) })
        let coverage = try #require(json["coverage"] as? [String: Any])
        #expect(coverage["idle_owners"] is [String])
        #expect((coverage["uncovered"] as? [[String: Any]])?.count == 2)
        let selection = try #require(json["selection"] as? [String: Any])
        #expect(selection["since"] as? String == "30d" && selection["to"] as? String == Workspace.later)
        #expect((json["draft_warnings"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func anInvalidDraftIsRefusedWithEveryError() throws {
        let workspace = try Workspace(leads: 5)
        try Self.writeDraft(in: workspace, """
            version: 1
            name: Broken
            owners:
              - {id: ana}
            pools:
              main: {method: round_robbin, members: [ana]}
            routes:
              - name: r
                pol: main

            """)
        let result = try Self.simulate(workspace)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 3, "\(result.stderr)")
        #expect(errors.first?.hasPrefix("draft.yaml:6:18: error: ") == true)
        #expect(result.stderr.contains("draft.yaml: invalid, 3 errors"))
    }

    @Test func badInputGivesClearMessages() throws {
        let workspace = try Workspace(leads: 5)
        let missing = try Self.simulate(workspace)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read rulebook 'draft.yaml': no such file"))

        try Self.writeDraft(in: workspace)
        let empty = try workspace.run(["simulate", "draft.yaml", "--db", "demo.db", "--now", "2026-01-01T00:00:00Z"])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("No leads received in the last 30d (since 2025-12-02T00:00:00Z); nothing to simulate. Try a longer --since"))

        let noDatabase = try workspace.run(["simulate", "draft.yaml", "--db", "nowhere.db"])
        #expect(noDatabase.status == 2)
        #expect(noDatabase.stderr.contains("no database at nowhere.db"))
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.appendingPathComponent("nowhere.db").path))

        let unfiltered = try workspace.run(["simulate", "draft.yaml", "--db", "demo.db", "--state", "flagged"])
        #expect(unfiltered.status == 64)
        #expect(unfiltered.stderr.contains("only with --leads"))
        let badSince = try workspace.run(["simulate", "draft.yaml", "--db", "demo.db", "--since", "a while"])
        #expect(badSince.status == 64)
    }

    @Test func leadsSelectsByFilter() throws {
        let workspace = try Workspace()
        try Self.writeDraft(in: workspace)
        let result = try Self.simulate(workspace, ["--leads", "--state", "flagged", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let flagged = try #require(try workspace.json(["leads", "--state", "flagged", "--limit", "1000"])["leads"] as? [Any])
        #expect(json["leads"] as? Int == flagged.count)
        let selection = try #require(json["selection"] as? [String: Any])
        #expect(selection["state"] as? String == "flagged" && selection["since"] == nil)
    }
}
