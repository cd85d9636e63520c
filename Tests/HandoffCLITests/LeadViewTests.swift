import Foundation
import Testing

/// `leads`, `show` and `explain` on the demo database.
@Suite struct LeadViewTests {
    @Test func leadsFiltersByState() throws {
        let w = try Workspace()
        let result = try w.run(["leads", "--state", "flagged", "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.first?.hasPrefix("ID  ") == true)
        #expect(lines.first?.contains("OWNER") == true)
        let rows = lines.dropFirst().filter { $0.hasPrefix("L-") }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row.contains(" flagged "), "\(row)") }
        // A proposed owner is in parentheses, so it reads without colour.
        #expect(rows.contains { $0.wholeMatch(of: /.* \([a-z]+\) .*/) != nil })
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func anUnknownStateOrReasonListsTheValidOnes() throws {
        let w = try Workspace(leads: 1)
        let state = try w.run(["leads", "--state", "open", "--db", "demo.db"])
        #expect(state.status == 64)
        #expect(state.stderr.contains("--state 'open' is not a lead state; use one of: received, ready, assigned, accepted, flagged, disqualified, merged"))
        let reason = try w.run(["leads", "--reason", "dupe", "--db", "demo.db"])
        #expect(reason.status == 64)
        #expect(reason.stderr.contains("duplicate_suspect"))
    }

    @Test func showPrintsFieldsDecisionAndHistory() throws {
        let w = try Workspace()
        let lead = try w.flaggedWithProposal()
        let result = try w.run(["show", lead.id, "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.hasPrefix("\(lead.id)  flagged ("))
        #expect(text.contains("owner    \(lead.owner) (proposed"))
        for section in ["Fields", "Decision", "History"] { #expect(result.stdoutLines.contains(section)) }
        for field in ["external_id", "received_at", "email", "country"] { #expect(text.contains("  \(field) ")) }
        #expect(text.contains("received  demo"))
        #expect(text.contains("flagged   router"))

        // A number is shown as received and as read.
        let grouped = try w.run(["show", "L-0000001", "--db", "demo.db"])
        #expect(grouped.stdout.contains("read as"))
    }

    @Test func explainListsEveryOwnerConsidered() throws {
        let w = try Workspace()
        let lead = try w.flaggedWithProposal()
        let result = try w.run(["explain", lead.id, "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("considered") || result.stdout.contains("passed over"))
        #expect(result.stdout.contains("\(lead.owner) "))
        #expect(result.stdout.contains("History:"))
    }

    @Test func anUnknownLeadExitsFour() throws {
        let w = try Workspace(leads: 1)
        for command in ["show", "explain", "log"] {
            let result = try w.run([command, "L-0999999", "--db", "demo.db"])
            #expect(result.status == 4, "\(command)")
            #expect(result.stderr.contains("no lead L-0999999"))
        }
    }

    @Test func leadIdsCanBeShort() throws {
        let w = try Workspace(leads: 3)
        let result = try w.run(["show", "2", "--db", "demo.db"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("L-0000002 "))
    }
}
