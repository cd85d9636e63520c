import Foundation
import Testing

/// approve, reassign, annotate and friends, through the desk, as an operator would use them.
@Suite struct OperatorCommandTests {
    @Test func anOperatorsDay() throws {
        let w = try Workspace()
        let lead = try w.flaggedWithProposal()

        let approved = try w.act(["approve", lead.id])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout == "\(lead.id) assigned to \(lead.owner) (was flagged)\n")
        let log = try w.run(["log", lead.id, "--db", "demo.db"])
        #expect(log.stdoutLines.contains { $0.contains(" approved ") && $0.contains(" olga ") }, "\(log.stdout)")

        let reassigned = try w.act(["reassign", lead.id, "--to", "ben", "--reason", "x"])
        #expect(reassigned.status == 0, "\(reassigned.stderr)")
        #expect(reassigned.stdout == "\(lead.id) assigned to ben (was assigned to \(lead.owner))\n")

        let note = "Grüße — 東京"
        let annotated = try w.act(["annotate", lead.id, note])
        #expect(annotated.status == 0, "\(annotated.stderr)")
        let shown = try w.run(["show", lead.id, "--db", "demo.db"])
        #expect(shown.stdout.contains(note))
        #expect(shown.stdout.split(separator: "\n").contains { $0.hasPrefix("  owner ") && $0.hasSuffix(" ben") }, "\(shown.stdout)")

        // Amir acts on the version he saw before olga's note: refused, and told who changed it.
        let stale = try w.act(["reassign", lead.id, "--to", "chloe", "--reason", "territory", "--version", "\(lead.version + 2)"], as: "amir")
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("\(lead.id) refused: changed since you looked at it"), "\(stale.stderr)")
        #expect(stale.stderr.contains("annotated by olga at \(Workspace.later)"))
        let owner = try w.json(["show", lead.id])["owner"] as? String
        #expect(owner == "ben")

        let doctor = try w.run(["doctor", "--db", "demo.db"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(doctor.stdout.contains(": healthy; the log's hash chain holds through entry #"), "\(doctor.stdout)")
    }

    @Test func bulkByFilterReportsEachLeadAndATotal() throws {
        // A hundred leads: enough for flagged ones with no proposal besides the no_route ones.
        let w = try Workspace(leads: 100)
        let flagged = try #require(try w.json(["leads", "--state", "flagged", "--reason", "no_route"])["leads"] as? [[String: Any]])
        let result = try w.act(["disqualify", "--filter", "--state", "flagged", "--reason-code", "no_route", "--reason", "out of market"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.count == flagged.count + 1)
        #expect(result.stdoutLines.last == "disqualify: \(flagged.count) done, 0 refused, of \(flagged.count) leads")
        // Closed leads keep no reason code.
        #expect((try w.json(["leads", "--reason", "no_route"])["leads"] as? [Any])?.isEmpty == true)

        // Approving leads without a proposal is refused for those, and the exit code says so.
        let approve = try w.act(["approve", "--filter", "--state", "flagged"])
        #expect(approve.status == 3)
        #expect(approve.stderr.contains("refused: has no proposed owner to approve"))
        #expect(approve.stdoutLines.last?.hasPrefix("approve: ") == true)
    }

    @Test func retryThenRoute() throws {
        let w = try Workspace()
        let retried = try w.act(["retry", "--filter", "--reason", "no_route", "--limit", "2"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdoutLines.filter { $0.hasSuffix("queued (was flagged)") }.count == 2)

        let routed = try w.act(["route"])
        #expect(routed.status == 0, "\(routed.stderr)")
        #expect(routed.stdout.hasPrefix("Routed 2 leads with rulebook 'Acme inbound' (version "))
        #expect(routed.stdout.contains("no_route"))
        #expect(routed.stdout.contains("leads/s"))

        let again = try w.act(["route"])
        #expect(again.stdout.hasPrefix("Nothing to route"))
    }

    @Test func mistakesAreCaughtBeforeAnythingChanges() throws {
        let w = try Workspace(leads: 5)
        let noLeads = try w.act(["approve"])
        #expect(noLeads.status == 64)
        let both = try w.act(["approve", "L-0000001", "--filter", "--state", "flagged"])
        #expect(both.status == 64)
        let emptyFilter = try w.act(["approve", "--filter"])
        #expect(emptyFilter.status == 64)
        let versionForTwo = try w.act(["approve", "1", "2", "--version", "3"])
        #expect(versionForTwo.status == 64)
        let nobody = try w.act(["reassign", "1", "--to", "zed", "--reason", "x"])
        #expect(nobody.status == 3)
        #expect(nobody.stderr.contains("no owner zed in the rulebook"))
        let unknown = try w.act(["accept", "L-0999999"])
        #expect(unknown.status == 3)
        #expect(try w.run(["doctor", "--db", "demo.db"]).status == 0)
    }
}
