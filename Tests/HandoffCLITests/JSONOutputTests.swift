import Foundation
import Testing

/// Every `--json` output parses, with the documented field names.
@Suite struct JSONOutputTests {
    @Test func documentsParseWithTheirFields() throws {
        let w = try Workspace()
        let leads = try #require(try w.json(["leads", "--limit", "5"])["leads"] as? [[String: Any]])
        #expect(leads.count == 5)
        for key in ["id", "received_at", "state", "version", "owner_proposed"] { #expect(leads[0][key] != nil, "leads lack \(key)") }

        let lead = try w.flaggedWithProposal()
        let shown = try w.json(["show", lead.id])
        #expect(shown["id"] as? String == lead.id)
        #expect(shown["state"] as? String == "flagged")
        let decision = try #require(shown["decision"] as? [String: Any])
        #expect((decision["lines"] as? [String])?.isEmpty == false)
        #expect((decision["summary"] as? String)?.isEmpty == false)
        #expect((shown["fields"] as? [String: Any])?["received_at"] != nil)
        #expect((shown["normalized"] as? [String: Any]) != nil)
        let events = try #require(shown["events"] as? [[String: Any]])
        #expect(events.first?["kind"] as? String == "received")

        let owners = try #require(try w.json(["owners", "--now", Workspace.now])["owners"] as? [[String: Any]])
        #expect(owners.map { $0["id"] as? String } == ["ana", "ben", "chloe", "dan", "eve"])
        #expect(owners.allSatisfy { $0["availability"] as? String == "available" })
        #expect(owners.first?["local_time"] as? String == "Tue 2026-11-24 11:30")

        let doctor = try w.json(["doctor"])
        #expect(doctor["healthy"] as? Bool == true)
        #expect(doctor["leads"] as? Int == 50)

        #expect((try w.json(["quarantine"])["records"] as? [Any])?.isEmpty == true)

        let route = try w.json(["route", "--now", Workspace.now])
        #expect(route["routed"] as? Int == 0)

        let approved = try w.run(["approve", lead.id, "--json", "--db", "demo.db", "--now", Workspace.later, "--operator", "olga"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(approved.stdout.utf8)) as? [String: Any])
        #expect(result["succeeded"] as? Int == 1)
        #expect(result["operator"] as? String == "olga")
        #expect((result["results"] as? [[String: Any]])?.first?["state"] as? String == "assigned")
    }

    @Test func theLogIsOneObjectPerLine() throws {
        let w = try Workspace(leads: 5)
        let result = try w.run(["log", "--json", "--limit", "4", "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == 4)
        for line in result.stdoutLines {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["seq", "lead", "kind", "at", "actor", "lead_version"] { #expect(event[key] != nil, "event lacks \(key)") }
        }
    }
}
