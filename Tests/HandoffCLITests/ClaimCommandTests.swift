import Foundation
import Testing

/// `handoff claim` and `unclaim`, and what a claim does to a colleague's operator commands.
@Suite struct ClaimCommandTests {
    @Test func aColleaguesClaimRefusesUntilForced() throws {
        let w = try Workspace()
        let lead = try w.flaggedWithProposal()

        let claimed = try w.act(["claim", lead.id], as: "ana")
        #expect(claimed.status == 0, "\(claimed.stderr)")
        #expect(claimed.stdout.hasPrefix("\(lead.id) claimed by ana at "), "\(claimed.stdout)")
        #expect(try w.json(["show", lead.id])["version"] as? Int == lead.version, "a claim does not change the lead")
        let shown = try w.run(["show", lead.id, "--db", "demo.db"])
        #expect(shown.stdout.contains("  claimed  by ana at "), "\(shown.stdout)")

        let refused = try w.act(["approve", lead.id], as: "amir")
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("\(lead.id) refused: ana claimed \(lead.id) "), "\(refused.stderr)")
        #expect(refused.stderr.contains("pass --force to approve it anyway"))
        let stillClaimed = try w.act(["unclaim", lead.id], as: "amir")
        #expect(stillClaimed.status == 3, "\(stillClaimed.stdout)\(stillClaimed.stderr)")

        let forced = try w.act(["approve", lead.id, "--force"], as: "amir")
        #expect(forced.status == 0, "\(forced.stderr)")
        let log = try w.run(["log", lead.id, "--db", "demo.db"])
        #expect(log.stdoutLines.contains { $0.contains(" claimed ") && $0.contains(" ana ") && $0.contains("took the exception on") }, "\(log.stdout)")
        #expect(log.stdoutLines.last?.contains(" approved ") == true)

        // Assigned now: not an exception, so nothing to claim.
        let notFlagged = try w.act(["claim", lead.id, "--json"], as: "ana")
        #expect(notFlagged.status == 3)
        #expect(notFlagged.stdout.contains("\"ok\" : false") && notFlagged.stdout.contains("not an exception"), "\(notFlagged.stdout)")
        #expect(try w.run(["doctor", "--db", "demo.db"]).status == 0)
    }
}
