import ArgumentParser
import Foundation
import HandoffCore
import HandoffStore

/// `handoff shadow report [--json]`.
struct ShadowReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Where the running shadow (else the last one) parted from the live rulebook.",
        discussion: """
            The agreement rate over the leads both decided, the leads each would have given each owner, and the \
            newest divergences: lead, live decision, draft decision, and the draft's reason.

            Exit codes: 0 success (also when no shadow ever ran), 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Divergences to list, newest first.", valueName: "n"))
    var limit = 20

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more.") }
    }

    func run() throws {
        let store = try database.openExisting(readOnly: true)
        let standing = try StoreFailure.guarded { () -> ShadowStanding? in
            guard let shadow = try store.latestShadow() else { return nil }
            return try store.shadowStanding(shadow.id, divergences: limit)
        }
        if output.json {
            print(JSONOutput.document(ShadowJSON.Report(standing)))
            return
        }
        guard let standing else {
            print("No shadow has run on this database: `handoff shadow start DRAFT.yaml` starts one.")
            return
        }
        for line in ShadowView.lines(standing, style: output.style) { print(line) }
    }
}
