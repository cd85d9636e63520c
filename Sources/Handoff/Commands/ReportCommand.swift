import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff report`: how routing went for the leads received in a window, from the log.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Review the leads received in a window: time to owner and to acceptance, exceptions, overrides, SLA breaches, load.",
        discussion: """
            Over the leads received in the window ending at --now: intake to owner and owner to acceptance \
            (p50, p90, p99), exception rate by reason and by route, operators' reassignments by route with the \
            most common correction, SLA breach rate by pool, each owner's hand-offs against their pool's weights \
            and open load against capacity, each pool's Gini coefficient; then the same per rulebook version. \
            --json prints one document (fields in docs/CLI.md); --html FILE also writes a page with charts.

            Exit codes: 0 success (an empty window too), 2 the database could not be read or the page written, \
            64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: ArgumentHelp("How far back from --now: 90m, 24h, 7d, 2w, 1d12h.", valueName: "duration"))
    var since = "7d"

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML page with charts to this file.", valueName: "file"))
    var html: String?

    func validate() throws {
        // Six digits a unit at most (999999w is 19,000 years), so the sum cannot overflow.
        guard since.wholeMatch(of: /(\d{1,6}[smhdwSMHDW])+/) != nil, DurationText.seconds(since) != nil else {
            throw ValidationError("--since '\(since)' is not a duration; write it like 90m, 24h, 7d or 2w.")
        }
    }

    func run() throws {
        let store = try database.openExisting()
        let end = try clock.clock()()
        let seconds = TimeInterval(DurationText.seconds(since) ?? 604_800)
        var reader = ReviewReader()
        let review = try StoreFailure.guarded { try reader.review(store, last: seconds, endingAt: end) }
        if let html {
            do {
                try Data(ReviewHTML.page(review, title: database.shown).utf8).write(to: URL(fileURLWithPath: html))
            } catch {
                Console.error("handoff: cannot write \(html): \(error.localizedDescription)")
                throw ExitCode.unreadable
            }
        }
        if output.json {
            print(JSONOutput.document(review))
        } else {
            for line in ReviewText.lines(review, since: since, style: output.style) { print(line) }
            if let html { print("\nWrote \(html).") }
        }
    }
}
