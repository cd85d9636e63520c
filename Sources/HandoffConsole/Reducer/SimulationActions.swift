import Foundation
import HandoffCore

/// `:simulate DRAFT`, its answer, and the Simulation view's filter.
enum SimulationActions {
    /// Starts a simulation of `path` (or of the last draft again) and shows the view while it runs.
    static func start(_ state: inout ConsoleState, _ path: String) -> [ConsoleEffect] {
        if let running = state.simulation, running.running {
            Reducer.say(&state, "a simulation of \(running.path) is running; wait for it to finish", .error)
            return []
        }
        guard let draft = path.isEmpty ? state.simulation?.path : path else {
            Reducer.say(&state, "usage: :simulate DRAFT.yaml (replays the last 30 days of leads through the draft)", .error)
            return []
        }
        state.simulation = SimulationRun(path: draft)
        state.cursors[.simulation] = nil
        state.cursorHints[.simulation] = nil
        state.tops[.simulation] = 0
        state.detailRequested = false
        _ = Reducer.show(&state, .simulation)
        return [.simulate(draft)]
    }

    static func finished(_ state: inout ConsoleState, _ result: Result<SimulationReport, SimulationProblem>) -> [ConsoleEffect] {
        guard let path = state.simulation?.path else { return [] }
        switch result {
        case .success(let report):
            state.simulation?.finish(with: report)
            Reducer.reconcile(&state, .simulation)
            Reducer.say(&state, "simulated \(path): \(report.changed) of \(report.leads) leads would change", .ok)
        case .failure(.invalid(let problems)):
            state.simulation?.running = false
            let name = URL(fileURLWithPath: problems.file).lastPathComponent
            Reducer.say(&state, "\(name) refused: nothing simulated", .error)
            state.modal = .refused(Refusal(title: "\(name) has errors: nothing simulated", lines: problems.lines + ["", "Fix the draft, then :simulate again."]))
        case .failure(.failed(let message)):
            state.simulation?.running = false
            Reducer.say(&state, "could not simulate \(path): \(message)", .error)
        }
        return []
    }

    /// The view's own filter: narrows the changed leads in hand, no query to the desk.
    static func filter(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        guard state.simulation != nil else {
            Reducer.say(&state, "nothing to filter: run :simulate DRAFT.yaml first", .info)
            return []
        }
        state.simulation?.setFilter(text)
        Reducer.reconcile(&state, .simulation)
        let shown = state.simulation?.rows.count ?? 0
        Reducer.say(&state, text.isEmpty ? "filter cleared" : "filter: \(text) (\(shown) changed leads)", .info)
        return []
    }
}
