import ArgumentParser
import Foundation
import HandoffDesk
import HandoffStore

/// `handoff shadow promote`.
struct ShadowPromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make the shadowed draft the live rulebook, and end the shadow.",
        discussion: """
            Records the draft as a rulebook version (see `handoff rules history`) and writes its text over the \
            live rulebook file the shadow was started against: a running console reloads it, and the next \
            `handoff route` routes by it. Refused when the draft no longer loads, or when the live file was \
            edited since the shadow started (writing over it would lose those edits).

            Exit codes: 0 promoted, 2 the database could not be read, 3 refused (nothing running, the draft no \
            longer loads, the live file changed or cannot be written), 64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var actor: OperatorOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let now = try clock.clock()()
        let promoted = try ShadowCommand.changingRunning(database) { store in
            do {
                return try ShadowControl.promote(store: store, actor: actor.resolved(), at: now)
            } catch let refused as ShadowPromoteRefused {
                for line in refused.reason.split(separator: "\n") { Console.error("handoff: cannot promote: \(ShadowView.safe(String(line)))") }
                throw ExitCode.refused
            }
        }
        if output.json {
            print(JSONOutput.document(ShadowJSON.Shadow(promoted.shadow)))
        } else {
            print("Promoted \(ShadowView.safe(promoted.shadow.draftPath)): '\(ShadowView.safe(promoted.rulebook.name))' version "
                + "\(promoted.rulebook.version) is written over \(ShadowView.safe(promoted.shadow.livePath)) and recorded; the shadow has ended.")
        }
    }
}
