import Foundation
import HandoffCore
import HandoffStore
import Testing
@testable import HandoffConsole

/// `:shadow`, its answers, and the Shadow view, as reducer steps and drawn screens without a terminal.
@Suite struct ShadowViewTests {
    static func standing(divergences: Int = 3) -> ShadowStanding {
        let shadow = StoredShadow(
            id: 1, draftPath: "draft.yaml", draftSource: "", draftVersion: "0d5969bd368b", draftName: "Acme inbound",
            livePath: "rulebook.yaml", liveSource: "", liveVersion: "e4f16683c00a", startedBy: "ana", startedAt: ConsoleFixtures.now)
        let pairs = (0..<divergences).map { i in
            StoredDivergence(pair: ShadowPair(
                leadId: LeadId.make(100 - i),
                live: ShadowOutcome(route: nil, pool: nil, owner: nil, reason: .noRoute),
                draft: ShadowOutcome(route: "enterprise-emea", pool: "emea-enterprise", owner: "chloe", reason: nil),
                why: "enterprise-emea matched (country DE, employees 600 >= 500)"), at: ConsoleFixtures.now)
        }
        return ShadowStanding(shadow: shadow, leads: 30, diverged: divergences, liveLoads: ["ana": 2, "chloe": 6],
                              draftLoads: ["ana": 2, "chloe": 6 + divergences], divergences: pairs)
    }

    @Test func shadowStartsOffTheUIThreadAndShowsTheView() {
        var state = ConsoleFixtures.state()
        #expect(!TabBar.shown(state).contains(.shadow))
        state.press(.character(":"))
        #expect(state.command("shadow draft.yaml") == [.shadow(.start("draft.yaml"))])
        #expect(state.tab == .shadow)
        state.press(.character(":"))
        #expect(state.command("shadow stop") == [.shadow(.stop)])
        state.press(.character(":"))
        #expect(state.command("shadow promote") == [.shadow(.promote)])
        _ = Reducer.reduce(&state, .shadowAnswered(ShadowAnswer(message: "stopped shadowing draft.yaml", ok: true)))
        #expect(state.status?.text == "stopped shadowing draft.yaml")
    }

    @Test func aRefusedDraftOpensADialogWithEveryError() {
        var state = ConsoleFixtures.state()
        let errors = ["draft.yaml:12:13: error: unknown method 'lottery'", "draft.yaml:14:13: error: unknown method 'guesswork'"]
        _ = Reducer.reduce(&state, .shadowAnswered(ShadowAnswer(message: "draft.yaml refused: nothing shadowed", ok: false, problems: errors)))
        guard case .refused(let refusal) = state.modal else {
            Issue.record("no dialog")
            return
        }
        #expect(Array(refusal.lines.prefix(2)) == errors)
    }

    @Test func theViewShowsAgreementLoadsAndDivergencesNewestFirst() {
        var state = ConsoleFixtures.state(rows: 24, columns: 80)
        _ = Reducer.reduce(&state, .shadow(Self.standing()))
        state.press(.character("7"))
        #expect(state.tab == .shadow && TabBar.shown(state).contains(.shadow))
        let narrow = ConsoleRenderer.render(state).lines
        #expect(narrow.contains { $0.contains("Agreement 90.0%") && $0.contains("30 leads decided by both") && $0.contains("3 diverged") })
        #expect(narrow.contains { $0.contains("chloe 6 → 9") })
        let first = narrow.firstIndex { $0.contains("L-0000100") }!
        #expect(narrow[first].contains("no_route") && narrow[first].contains("enterprise-emea -> chloe"))
        // Below 120 columns the reason has a line of its own.
        #expect(narrow[first + 1].contains("enterprise-emea matched (country DE, employees 600 >= 500)"))
        #expect(narrow.firstIndex { $0.contains("L-0000099") }! == first + 2)

        var wide = state
        _ = Reducer.reduce(&wide, .resize(rows: 50, columns: 200))
        let lines = ConsoleRenderer.render(wide).lines
        let row = lines.first { $0.contains("L-0000100") }!
        #expect(row.contains("no_route") && row.contains("enterprise-emea -> chloe") && row.contains("employees 600 >= 500"))
    }

    @Test func shadowOnAReadOnlyConsoleIsRefused() {
        var state = ConsoleFixtures.state(readOnly: true)
        state.press(.character(":"))
        #expect(state.command("shadow draft.yaml").isEmpty)
        #expect(state.status?.text == "shadow is disabled: this console is read-only (--read-only)")
        // Looking is allowed.
        state.press(.character(":"))
        _ = state.command("shadow")
        #expect(state.tab == .shadow)
    }
}
