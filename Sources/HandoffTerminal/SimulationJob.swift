import Foundation
import HandoffConsole
import HandoffCore
import HandoffDesk
import HandoffStore

/// `:simulate DRAFT` off the UI thread, on a thread of its own so operator actions are not held up
/// behind it: reads and checks the draft, replays the last 30 days through it and through the rulebook
/// in force over a read-only connection, and answers with `.simulated`.
enum SimulationJob {
    static func start(path: String, desk: Desk, inbox: Inbox) {
        let thread = Thread {
            let result = run(path: path, desk: desk) { inbox.post(.simulationProgress($0)) }
            inbox.post(.simulated(result))
        }
        thread.name = "handoff.simulate"
        thread.start()
    }

    static func run(path: String, desk: Desk, progress: @escaping @Sendable (Int) -> Void) -> Result<SimulationReport, SimulationProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(.failed("no file \(path)"))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(.failed("cannot read \(path) as UTF-8 text"))
        }
        let now = desk.clock()
        let load = RulebookLoader.load(yaml: text, file: path, lintWeekStarting: now)
        guard let draft = load.rulebook, load.errors.isEmpty else {
            return .failure(.invalid(RulesProblems(file: path, lines: load.errors.map(\.description))))
        }
        let request = SimulationRequest(
            current: desk.rulebook, draft: draft,
            selection: ReplaySelection(from: now.addingTimeInterval(-SimulationRun.window), to: now),
            keep: SimulationRun.keep, coverageWeek: now
        )
        do {
            return .success(try Simulator.run(store: desk.store.reader(), request, progress: progress))
        } catch {
            return .failure(.failed(String(describing: error)))
        }
    }
}
