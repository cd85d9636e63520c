import Foundation
import HandoffCore
import Testing
@testable import HandoffConsole

/// `:simulate`, the Simulation view's scrolling, filter and detail, as reducer steps without a terminal.
@Suite struct SimulationViewTests {
    @Test func simulateRunsOffTheUIThreadAndShowsTheView() {
        var state = ConsoleFixtures.state()
        #expect(!TabBar.shown(state).contains(.simulation))
        state.press(.character(":"))
        state.type("simulate draft.yaml")
        #expect(state.press(.enter) == [.simulate("draft.yaml")])
        #expect(state.tab == .simulation && state.simulation?.running == true)
        let line = ConsoleRenderer.render(state).lines[state.rows - 2]
        #expect(line.contains("… simulating draft.yaml"))
        _ = Reducer.reduce(&state, .simulationProgress(100_000))
        #expect(ConsoleRenderer.render(state).lines[state.rows - 2].contains("100,000 leads replayed"))

        // A second one waits for the first.
        state.press(.character(":"))
        state.type("simulate other.yaml")
        #expect(state.press(.enter).isEmpty)
        #expect(state.status?.text == "a simulation of draft.yaml is running; wait for it to finish")

        _ = Reducer.reduce(&state, .simulated(.success(SimulationFixtures.report)))
        #expect(state.simulation?.running == false)
        #expect(state.status?.text == "simulated draft.yaml: 29 of 30 leads would change")
        #expect(state.cursors[.simulation] == "L-000102")
        #expect(TabBar.shown(state).contains(.simulation))
    }

    @Test func simulateWithoutADraftSaysHow() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("simulate")
        #expect(state.press(.enter).isEmpty)
        #expect(state.status?.text.hasPrefix("usage: :simulate DRAFT.yaml") == true)
        // Once one ran, a bare :simulate runs the same draft again.
        var done = SimulationFixtures.state()
        done.press(.character(":"))
        done.type("simulate")
        #expect(done.press(.enter) == [.simulate("draft.yaml")])
    }

    @Test func scrollsWithTheMovementKeys() {
        var state = SimulationFixtures.state(rows: 20, columns: 120)
        let ids = state.ids(.simulation)
        #expect(ids.count == 29 && ids.first == "L-000102" && ids.last == "L-000130")
        state.press(.character("j"), .character("j"))
        #expect(state.cursors[.simulation] == ids[2])
        state.press(.character("k"))
        #expect(state.cursors[.simulation] == ids[1])
        state.press(.end)
        #expect(state.cursors[.simulation] == ids.last)
        let page = Layout(state).tableBodyRows
        #expect(state.tops[.simulation] == ids.count - page)
        state.press(.home)
        #expect(state.cursors[.simulation] == ids[0] && state.tops[.simulation] == 0)
        state.press(.pageDown)
        #expect(state.cursors[.simulation] == ids[page])
        state.press(.pageUp)
        #expect(state.cursors[.simulation] == ids[0])
    }

    @Test func filterNarrowsTheChangedLeadsOnly() {
        var state = SimulationFixtures.state()
        state.press(.character("/"))
        state.type("reason:no_route")
        #expect(state.press(.enter).isEmpty) // no query to the desk
        #expect(state.ids(.simulation) == ["L-000102"])
        #expect(state.cursors[.simulation] == "L-000102")
        #expect(state.filter.isEmpty) // the live views' filter is untouched
        #expect(state.status?.text == "filter: reason:no_route (1 changed leads)")

        state.press(.character("/"))
        #expect(state.modal == .filter(TextInput("reason:no_route")))
        state.press(.control("u"))
        state.type("owner:dan l-00011")
        state.press(.enter)
        // L-000110 .. L-000119, each with dan before or after.
        #expect(state.ids(.simulation) == (110...119).map { String(format: "L-%06d", $0) })

        state.press(.character("/"))
        state.press(.control("u"))
        state.press(.enter)
        #expect(state.ids(.simulation).count == 29)
    }

    @Test func enterShowsTheDecisionsBeforeAndAfter() {
        var state = SimulationFixtures.state(rows: 30, columns: 100)
        #expect(state.press(.enter).isEmpty)
        #expect(state.detailShown)
        let lines = DetailPane.content(state)?.map(\.0) ?? []
        #expect(lines.first == "no_route  ->  enterprise-emea -> ben")
        #expect(lines.contains("Before (rulebook in force)") && lines.contains("After (draft)"))
        #expect(lines.contains("  route: enterprise-emea because country FR, employees 600 >= 500"))
        state.press(.escape)
        #expect(!state.detailShown)
    }

    @Test func anInvalidDraftOpensTheErrorDialog() {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("simulate draft.yaml")
        state.press(.enter)
        let problems = RulesProblems(file: "draft.yaml", lines: ["draft.yaml:6:18: error: unknown method 'round_robbin'"])
        _ = Reducer.reduce(&state, .simulated(.failure(.invalid(problems))))
        guard case .refused(let refusal) = state.modal else { Issue.record("no dialog"); return }
        #expect(refusal.title == "draft.yaml has errors: nothing simulated")
        #expect(refusal.lines.first == "draft.yaml:6:18: error: unknown method 'round_robbin'")
        #expect(state.simulation?.running == false)
    }

    @Test func tabCyclesThroughSimulationOnlyOnceThereIsOne() {
        var state = ConsoleFixtures.state()
        state.press(.character("5"), .tab)
        #expect(state.tab == .incoming)
        state.press(.character("6"))
        #expect(state.tab == .simulation)
        var done = SimulationFixtures.state()
        done.press(.character("5"), .tab)
        #expect(done.tab == .simulation)
        done.press(.tab)
        #expect(done.tab == .incoming)
    }
}
