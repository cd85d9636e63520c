import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff shadow start DRAFT.yaml`.
struct ShadowStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start shadowing the live rulebook with a draft.",
        discussion: """
            The draft is checked first: one with errors is refused, every error printed as `rules check` prints \
            it. The live rulebook (--rules) is the file `shadow promote` will write the draft over.

            Exit codes: 0 started, 1 the draft or the live rulebook has errors, 2 a file or the database could not \
            be read, 3 a shadow is running already, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The draft rulebook.", valueName: "draft.yaml"))
    var draft: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var actor: OperatorOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting(writing: true)
        let now = try clock.clock()()
        let draftText = try RulebookFile(path: draft, origin: .given).read(hint: "Give the path of the draft rulebook to shadow.")
        let live = try rules.load(lintWeek: now)
        let started: StoredShadow
        do {
            started = try StoreFailure.guarded {
                do {
                    return try ShadowControl.start(
                        store: store, draftText: draftText, draftPath: draft, liveText: live.text, livePath: live.path,
                        live: live.rulebook, actor: actor.resolved(), at: now)
                } catch let refused as ShadowDraftRefused {
                    for line in refused.lines { Console.error(line) }
                    throw ExitCode.rulebookInvalid
                } catch let running as ShadowAlreadyRunning {
                    Console.error("handoff: \(running)")
                    throw ExitCode.refused
                }
            }
        }
        if output.json {
            print(JSONOutput.document(ShadowJSON.Shadow(started)))
        } else {
            print("Shadowing \(ShadowView.safe(draft)) ('\(ShadowView.safe(started.draftName))', version \(started.draftVersion)) against "
                + "\(ShadowView.safe(live.path)) (version \(live.rulebook.version)) from now on.")
            print("`handoff shadow report` shows where they part; `handoff shadow stop` ends it; `handoff shadow promote` puts the draft in force.")
        }
    }
}
