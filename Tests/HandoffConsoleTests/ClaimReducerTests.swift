import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

/// Claims and presence in the console: `c` and `:claim`, the question before acting over a colleague's
/// claim, the claimant in the Exceptions list and who else is on the lead in the status line.
@Suite struct ClaimReducerTests {
    static let held = ClaimedByOther(claim: Claim(leadId: "L-000004", by: "ben", at: ConsoleFixtures.at(3)), now: ConsoleFixtures.now)

    @Test func cClaimsTheExceptionUnderTheCursorAndAgainLetsItGo() {
        var state = ConsoleFixtures.state()
        _ = state.press(.character("2"))
        let id = try! #require(state.cursors[.exceptions])
        #expect(state.press(.character("c")) == [.claim(ClaimChange(leadId: id, claiming: true))])
        _ = Reducer.reduce(&state, .claimAnswered(.done(ClaimChange(leadId: id, claiming: true), "claimed \(id)")))
        // The next snapshot shows the claim as ana's: `c` now lets it go.
        var exceptions = state.exceptionRows
        for i in exceptions.indices where exceptions[i].id == id { exceptions[i].claim = Claim(leadId: id, by: "ana", at: ConsoleFixtures.now) }
        _ = state.live(ConsoleFixtures.snapshot(exceptions: exceptions))
        #expect(state.press(.character("c")) == [.claim(ClaimChange(leadId: id, claiming: false))])
        #expect(state.press(.character(":"), .character("c"), .character("l"), .character("a"), .character("i"), .character("m"), .enter)
            == [.claim(ClaimChange(leadId: id, claiming: true))])
    }

    @Test func aViewerCannotClaim() {
        var state = ConsoleFixtures.state(role: .viewer, readOnly: true)
        _ = state.press(.character("2"))
        #expect(state.press(.character("c")).isEmpty)
        #expect(state.status?.text.hasPrefix("claim is disabled") == true)
    }

    @Test func anActionOnALeadAColleagueClaimedAsksFirstAndYesOverrides() {
        var state = ConsoleFixtures.state()
        let plan = PlannedCommand(leadId: "L-000004", version: 2, command: .approve)
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.claimed(plan, Self.held)], before: [:], undoable: true)))
        guard case .confirm(let confirmation)? = state.modal else { Issue.record("no question: \(String(describing: state.modal))"); return }
        #expect(confirmation.title == "Claimed by ben")
        #expect(confirmation.lines == ["ben claimed L-000004 3m ago — approve anyway?"])
        var over = plan
        over.overridingClaim = true
        let effects = state.press(.character("y"))
        guard case .perform(let sent, _, _, _)? = effects.first else { Issue.record("nothing sent: \(effects)"); return }
        #expect(sent == [over])
        // No: nothing is sent.
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.claimed(plan, Self.held)], before: [:], undoable: true)))
        #expect(state.press(.character("n")).isEmpty)
        #expect(state.modal == nil)
    }

    @Test func claimingOverAColleagueAsksFirst() {
        var state = ConsoleFixtures.state()
        let change = ClaimChange(leadId: "L-000004", claiming: true)
        _ = Reducer.reduce(&state, .claimAnswered(.heldByOther(change, Self.held)))
        #expect(state.press(.character("y")) == [.claim(ClaimChange(leadId: "L-000004", claiming: true, overriding: true))])
    }

    @Test func theStatusLineSaysWhoElseIsOnTheLeadUnderTheCursor() {
        var state = ConsoleFixtures.state()
        let id = try! #require(state.presenceLead)
        let ana = Presence(console: "x", operatorName: "olga", host: "laptop-3", leadId: id, seenAt: ConsoleFixtures.now.addingTimeInterval(-4))
        _ = Reducer.reduce(&state, .presence(leadId: id, [ana]))
        #expect(state.othersHere == [ana])
        var screen = ScreenBuffer(rows: state.rows, columns: state.columns)
        ConsoleRenderer.render(state, into: &screen)
        #expect(screen.lines.joined(separator: "\n").contains("· also here: olga (console on laptop-3), 4s ago"))
        // Moved to another lead: the old answer is not shown for it.
        _ = state.press(.down)
        #expect(state.presenceLead != id)
        #expect(state.othersHere.isEmpty)
    }
}
