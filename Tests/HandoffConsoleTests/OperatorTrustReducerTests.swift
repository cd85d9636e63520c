import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

/// The reducer's side of the operator's trust: undo offered only when there is something to take back,
/// owner actions undone too, and messages that mean what they say.
@Suite struct OperatorTrustReducerTests {
    @Test func undoPutsBackTheRecordedStandingOfEveryLead() {
        var state = ConsoleFixtures.state()
        let row = ConsoleFixtures.incoming[1]
        let plan = PlannedCommand(leadId: row.id, version: 3, command: .reassign(to: "chloe", reason: "territory"))
        let after = ConsoleFixtures.record(row, state: .assigned, version: 4)
        _ = Reducer.reduce(&state, .performed(Performed(label: "reassign", outcomes: [.done(plan, after)], before: [row.id: row], undoable: true)))
        guard case .restore(let standing, let undone, _)? = state.undo?.plan.first?.command else { Issue.record("no restore: \(String(describing: state.undo))"); return }
        #expect(undone == .reassign)
        #expect(standing == LeadStanding(state: row.state, owner: row.owner, reason: row.reason, clock: row.updatedAt))
        // Without the lead's earlier standing there is nothing to restore, so nothing is offered.
        var blind = ConsoleFixtures.state()
        _ = Reducer.reduce(&blind, .performed(Performed(label: "reassign", outcomes: [.done(plan, after)], before: [:], undoable: true)))
        #expect(blind.undo == nil)
    }

    @Test func theHintBarOffersUndoOnlyWhenThereIsSomethingToUndo() {
        var state = ConsoleFixtures.state()
        #expect(!HintBar.hints(state).hints.contains { $0.key == "u" })
        let row = ConsoleFixtures.incoming[1]
        let plan = PlannedCommand(leadId: row.id, version: 3, command: .approve)
        _ = Reducer.reduce(&state, .performed(Performed(label: "approve", outcomes: [.done(plan, ConsoleFixtures.record(row, state: .assigned, version: 4))],
                                                        before: [row.id: row], undoable: true)))
        #expect(HintBar.hints(state).hints.contains { $0.key == "u" })
        #expect(state.press(.character("u")).count == 1)
        #expect(!HintBar.hints(state).hints.contains { $0.key == "u" })
    }

    @Test func aPauseIsUndoneByResuming() {
        var state = ConsoleFixtures.state()
        state.press(.character("3"))
        _ = Reducer.reduce(&state, .ownerPause(owner: "ana", paused: true, result: .success("paused by olga: lunch")))
        #expect(state.status?.text.contains("u to undo") == true)
        #expect(state.press(.character("u")) == [.setPause(owner: "ana", paused: false, reason: "undo of pause")])
        #expect(state.undo == nil)
        // The resume that undid it is not itself offered for undo.
        _ = Reducer.reduce(&state, .ownerPause(owner: "ana", paused: false, result: .success("resumed")))
        #expect(state.undo == nil)
    }

    @Test func anOutOfOfficeWindowIsUndoneByWithdrawingIt() {
        var state = ConsoleFixtures.state()
        state.press(.character("3"))
        _ = Reducer.reduce(&state, .absence(owner: "ben", result: .success("2026-12-20..2027-01-04")))
        #expect(state.status?.text == "ben is out of office 2026-12-20..2027-01-04  (u to undo)")
        #expect(state.press(.character("u")) == [.withdrawAbsence(owner: "ben", from: "2026-12-20", until: "2027-01-04")])
        _ = Reducer.reduce(&state, .absenceWithdrawn(owner: "ben", result: .success("2026-12-20..2027-01-04")))
        #expect(state.status?.text == "ben is no longer out of office 2026-12-20..2027-01-04")
        #expect(state.undo == nil)
    }

    @Test func mouseTakesOnOrOffAndNothingElse() {
        var state = ConsoleFixtures.state()
        #expect(state.command(":mouse maybe").isEmpty)
        #expect(state.status?.kind == .error)
        #expect(state.status?.text.contains("on or off") == true)
        #expect(state.settings.mouse == false)
        #expect(state.command(":mouse on") == [.mouse(true)])
        #expect(state.command(":mouse off") == [.mouse(false)])
    }

    @Test func readOnlyRefusalsNameTheActionAsTheOperatorKnowsIt() {
        var state = ConsoleFixtures.state(readOnly: true)
        state.press(.character("3"), .character("o"))
        #expect(state.status?.text == "out of office is disabled: this console is read-only (--read-only)")
        state.press(.character("p"))
        #expect(state.status?.text.hasPrefix("pause is disabled") == true)
    }

    @Test func anErrorDoesNotFollowTheOperatorToAnotherView() {
        var state = ConsoleFixtures.state()
        state.press(.character("3"), .character("a"))
        #expect(state.status?.kind == .error)
        state.press(.character("1"))
        #expect(state.status == nil)
        // News that is not an error stays.
        Reducer.say(&state, "rulebook in force", .ok)
        state.press(.character("2"))
        #expect(state.status?.text == "rulebook in force")
    }
}
