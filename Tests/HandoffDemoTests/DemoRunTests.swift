import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffText

@Suite struct DemoRunTests {
    let rulebook = RulebookLoader.load(yaml: ExampleRulebook.yaml, file: ExampleRulebook.fileName).rulebook!
    let start = InstantText.parse("2026-11-24T14:30:00Z")!

    @Test func sameSettingsSameReport() {
        let settings = DemoRun.Settings(seed: 7, leads: 60, start: start)
        let one = DemoReport.lines(DemoRun.run(rulebook, settings), explain: true)
        let two = DemoReport.lines(DemoRun.run(rulebook, settings), explain: true)
        #expect(one == two)
    }

    @Test func tallyAddsUp() {
        let run = DemoRun.run(rulebook, DemoRun.Settings(seed: 7, leads: 200, start: start))
        #expect(run.rows.count == 200)
        #expect(run.assignedCount > 0)
        let flagged = run.flaggedByReason
        #expect(run.assignedCount + flagged.reduce(0) { $0 + $1.count } == 200)
        #expect(zip(flagged, flagged.dropFirst()).allSatisfy { $0.count >= $1.count })
    }

    @Test func leadsFromKnownAccountsGoToTheirOwners() {
        let run = DemoRun.run(rulebook, DemoRun.Settings(seed: 7, leads: 200, start: start))
        let named = run.rows.filter { $0.decision.route == "named-account" && $0.decision.isAssigned }
        #expect(!named.isEmpty)
        #expect(named.allSatisfy { rulebook.owner($0.decision.owner!) != nil })
    }

    @Test func flaggedOwnersAreMarkedAsProposals() {
        let run = DemoRun.run(rulebook, DemoRun.Settings(seed: 7, leads: 200, start: start))
        let lines = DemoReport.lines(run)
        let proposal = run.rows.first { !$0.decision.isAssigned && $0.decision.owner != nil }
        if let proposal {
            let line = lines.first { $0.hasPrefix(proposal.lead.id) }
            #expect(line?.contains("(\(proposal.decision.owner!))") == true)
        }
        #expect(lines.contains("Routed 200 leads:"))
    }
}
