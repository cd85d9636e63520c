import Foundation
import Testing

/// `handoff shadow` run as a user would: a draft that lowers the enterprise route to 500 employees
/// shadows the example rulebook while new leads are imported and routed.
@Suite struct ShadowTests {
    /// Ten leads: four German firms of 600 employees (no route live, enterprise-emea in the draft) and
    /// six of 4,200 (enterprise-emea in both).
    static let leads = (["email,company,country,employees"] + (1...10).map { i in
        "buyer\(i)@firm\(i).de,Firm \(i),DE,\(i <= 4 ? 600 : 4200)"
    }).joined(separator: "\n") + "\n"

    static func shadowed() throws -> Workspace {
        let workspace = try Workspace()
        try SimulateTests.writeDraft(in: workspace)
        try leads.write(to: workspace.directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let started = try workspace.act(["shadow", "start", "draft.yaml"])
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.hasPrefix("Shadowing draft.yaml ('Acme inbound', version "))
        let imported = try workspace.act(["import", "leads.csv"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let routed = try workspace.act(["route"])
        #expect(routed.status == 0, "\(routed.stderr)")
        return workspace
    }

    @Test func reportsTheDivergencesOfTheLeadsRoutedSinceItStarted() throws {
        let workspace = try Self.shadowed()
        let json = try workspace.json(["shadow", "report"])
        #expect(Set(json.keys) == ["shadow", "leads", "diverged", "agreement", "owners", "divergences"])
        #expect(json["leads"] as? Int == 10)
        let diverged = try #require(json["diverged"] as? Int)
        // The four mid-sized firms at least; the draft's own loads may move a larger one too.
        #expect(diverged >= 4 && diverged <= 10)
        #expect(abs((json["agreement"] as? Double ?? -1) - Double(10 - diverged) / 10) < 1e-9)
        let divergences = try #require(json["divergences"] as? [[String: Any]])
        #expect(divergences.count == diverged)
        let moved = divergences.filter { ($0["live"] as? [String: Any])?["reason"] as? String == "no_route" }
        #expect(moved.count == 4)
        #expect(moved.allSatisfy { ($0["draft"] as? [String: Any])?["route"] as? String == "enterprise-emea" })
        #expect(moved.allSatisfy { ($0["why"] as? String ?? "").contains("enterprise-emea matched") })
        let shadow = try #require(json["shadow"] as? [String: Any])
        #expect(shadow["state"] as? String == "running" && shadow["started_by"] as? String == "olga")
        let owners = try #require(json["owners"] as? [[String: Any]])
        #expect(owners.reduce(0) { $0 + ($1["draft"] as? Int ?? 0) } - owners.reduce(0) { $0 + ($1["live"] as? Int ?? 0) } == 4)

        let text = try workspace.run(["shadow", "report", "--db", "demo.db"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Agreement: "))
        #expect(text.stdout.contains("OWNER  LIVE  DRAFT  CHANGE"))
        #expect(text.stdout.contains("no_route"))
        // Nothing of the draft's reached the log.
        let log = try workspace.run(["log", "--db", "demo.db", "--json"])
        #expect(!log.stdout.contains("shadow"))
    }

    @Test func stopEndsItAndASecondStopIsRefused() throws {
        let workspace = try Self.shadowed()
        let stopped = try workspace.act(["shadow", "stop"])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("Stopped shadowing draft.yaml"))
        #expect(stopped.stdout.contains("after 10 leads"))
        let again = try workspace.act(["shadow", "stop"])
        #expect(again.status == 3)
        #expect(again.stderr.contains("no shadow is running"))
        let shadow = try #require(try workspace.json(["shadow", "report"])["shadow"] as? [String: Any])
        #expect(shadow["state"] as? String == "stopped" && shadow["ended_by"] as? String == "olga")
    }

    @Test func promoteRecordsTheVersionAndWritesTheLiveRulebook() throws {
        let workspace = try Self.shadowed()
        let draft = try String(contentsOf: workspace.directory.appendingPathComponent("draft.yaml"), encoding: .utf8)
        let promoted = try workspace.act(["shadow", "promote", "--json"])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        let shadow = try #require(try JSONSerialization.jsonObject(with: Data(promoted.stdout.utf8)) as? [String: Any])
        #expect(shadow["state"] as? String == "promoted")
        let version = try #require(shadow["draft_version"] as? String)
        #expect(try String(contentsOf: workspace.directory.appendingPathComponent("rulebook.yaml"), encoding: .utf8) == draft)
        let history = try workspace.run(["rules", "history", "--db", "demo.db", "--json"])
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(versions.contains { $0["version"] as? String == version && $0["author"] as? String == "olga" })
        #expect(try workspace.act(["shadow", "promote"]).status == 3)
    }

    @Test func promoteRefusesWhenTheLiveRulebookWasEditedSince() throws {
        let workspace = try Self.shadowed()
        let live = workspace.directory.appendingPathComponent("rulebook.yaml")
        let edited = try String(contentsOf: live, encoding: .utf8) + "# a colleague's note\n"
        try edited.write(to: live, atomically: true, encoding: .utf8)
        let refused = try workspace.act(["shadow", "promote"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("rulebook.yaml was edited since the shadow started"))
        #expect(try String(contentsOf: live, encoding: .utf8) == edited)
    }

    @Test func aBrokenDraftIsRefusedAtStartWithEveryError() throws {
        let workspace = try Workspace(leads: 5)
        let rulebook = try String(contentsOf: workspace.directory.appendingPathComponent("rulebook.yaml"), encoding: .utf8)
        try SimulateTests.writeDraft(in: workspace, rulebook
            .replacingOccurrences(of: "method: round_robin", with: "method: lottery")
            .replacingOccurrences(of: "method: load_balanced", with: "method: guesswork"))
        let refused = try workspace.act(["shadow", "start", "draft.yaml"])
        #expect(refused.status == 1)
        let errors = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("draft.yaml:") && $0.contains(": error: ") }
        #expect(errors.count >= 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("draft.yaml: invalid, "))
        let report = try workspace.json(["shadow", "report"])
        #expect(report["shadow"] == nil && report["leads"] as? Int == 0)
    }

    @Test func oneShadowAtATime() throws {
        let workspace = try Self.shadowed()
        let second = try workspace.act(["shadow", "start", "draft.yaml"])
        #expect(second.status == 3)
        #expect(second.stderr.contains("is running already"))
    }
}
