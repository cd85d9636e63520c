import ArgumentParser
import Foundation
import HandoffDesk
import HandoffStore
import HandoffText

/// `handoff shadow stop`.
struct ShadowStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "End the running shadow; its figures stay for `shadow report`.",
        discussion: "Exit codes: 0 stopped, 2 the database could not be read, 3 no shadow is running, 64 the command line is wrong."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var actor: OperatorOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let now = try clock.clock()()
        let stopped = try ShadowCommand.changingRunning(database) { store in
            let shadow = try ShadowControl.stop(store: store, actor: actor.resolved(), at: now)
            return (shadow, try store.shadowStanding(shadow.id, divergences: 0))
        }
        if output.json {
            print(JSONOutput.document(ShadowJSON.Shadow(stopped.0)))
        } else {
            let figures = stopped.1.map { " after \(counted($0.leads, "lead")), \($0.diverged) diverged" } ?? ""
            print("Stopped shadowing \(ShadowView.safe(stopped.0.draftPath)) (version \(stopped.0.draftVersion))\(figures).")
        }
    }
}
