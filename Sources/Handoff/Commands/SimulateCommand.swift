import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffWorkspace
import HandoffText

/// `handoff simulate DRAFT`: what a draft rulebook would have done with the leads already stored,
/// against the rulebook in force replayed the same way. Reads the database only.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay stored leads through a draft rulebook and show what would change. Writes nothing.",
        discussion: """
            Replays the leads received in the --since window (default 30d up to --now), oldest first, \
            through the draft and through the rulebook in force (--rules), each from the same simulated \
            start: the stored accounts and absences, no open load, every pool's turn at its first member, \
            and the duplicate window before the first lead. Each lead is decided at its receive time; an \
            assignment holds its owner's load until the lead was accepted, disqualified or merged in the \
            database. Then it compares: leads that change route or owner (or between assigned and an \
            exception), load per owner, exception reasons, fairness per pool (Gini), and coverage.

            --leads replays the leads the filters match instead (--state, --owner, --reason, --search, \
            as in `handoff leads`), at any time unless --since is given too.

            The database is opened read-only. A draft with errors is refused with every error; its \
            warnings are printed and the simulation goes on.

            Exit codes: 0 simulated (whether or not anything changes), 1 the draft or the rulebook in \
            force has errors, 2 a file could not be read, 64 the command line is wrong.
            """
    )

    @Argument(help: "The draft rulebook.")
    var draft: String

    @Option(name: .long, help: ArgumentHelp("Replay leads received this long before --now: 30d, 2w, 12h. Default: 30d.", valueName: "duration"))
    var since: String?

    @Flag(name: .long, help: "Replay the leads the filters (--state, --owner, --reason, --search) match instead of a window.")
    var leads = false

    @OptionGroup(title: "Lead filters (with --leads)") var filters: LeadFilterOptions

    @Option(name: .long, help: ArgumentHelp("Show at most this many changed leads.", valueName: "n"))
    var limit = 20

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    static let defaultSince = "30d"

    func validate() throws {
        guard (0...OptionLimits.rows).contains(limit) else { throw ValidationError("--limit must be from 0 to \(OptionLimits.rowsText).") }
        if let since, DurationText.seconds(since) == nil {
            throw ValidationError("--since '\(since)' is not a duration; write it like 30d, 2w or 12h.")
        }
        if leads {
            guard !filters.isEmpty else { throw ValidationError("--leads needs at least one of --state, --owner, --reason, --search.") }
        } else if !filters.isEmpty {
            throw ValidationError("--state, --owner, --reason and --search select leads only with --leads.")
        }
    }

    /// "simulating draft.yaml: 300,000 leads replayed", redrawn in place.
    static func progressLine(_ path: String) -> @Sendable (Int) -> Void {
        { leads in
            let grouped = NumberText.grouped(Double(leads))
            FileHandle.standardError.write(Data("\rsimulating \(path): \(grouped) leads replayed\u{1B}[K".utf8))
        }
    }

    func run() throws {
        let now = try clock.fixed() ?? Date()
        let draftFile = RulebookFile.locate(given: draft, environment: [:])
        let text = try draftFile.read(hint: "Give the path of the draft rulebook to simulate, e.g. handoff simulate draft.yaml.")
        let load = RulebookLoader.load(yaml: text, file: draftFile.path, lintWeekStarting: now)
        guard let draftRulebook = load.rulebook, load.errors.isEmpty else {
            if output.json {
                print(RulebookCheckReport.json(file: draftFile.path, load))
            } else {
                for diagnostic in load.errors { Console.error(diagnostic.description) }
                Console.error(RulebookCheckReport.verdict(file: draftFile.path, load) + "; nothing simulated")
            }
            throw ExitCode.rulebookInvalid
        }
        if !output.json { for warning in load.warnings { Console.error(warning.description) } }
        let current = try rules.load(lintWeek: now)

        let (location, shown) = try database.location()
        if case .file(let path) = location, !FileManager.default.fileExists(atPath: path) {
            Console.error("handoff: no database at \(shown); pass --db PATH (handoff demo --headless makes one to try)")
            throw ExitCode.unreadable
        }
        let sinceSeconds = since.flatMap(DurationText.seconds) ?? (leads ? nil : DurationText.seconds(Self.defaultSince))
        let selection = ReplaySelection(
            from: sinceSeconds.map { now.addingTimeInterval(-Double($0)) }, to: now,
            filter: leads ? try filters.filter(limit: 0) : nil
        )
        let request = SimulationRequest(current: current.rulebook, draft: draftRulebook, selection: selection, keep: limit, coverageWeek: now)
        let store: any LeadStore
        do {
            store = try location.open(readOnly: true)
        } catch let refusal as StoreRefusal {
            Console.error("handoff: \(shown) \(refusal)")
            throw ExitCode.unreadable
        } catch {
            Console.error("handoff: cannot open database \(shown): \(error)")
            throw ExitCode.unreadable
        }
        StoreFailure.opened(shown)
        // A long replay says how far it got, on standard error and only on a terminal.
        let showProgress = isatty(STDERR_FILENO) == 1
        let progress = showProgress ? Self.progressLine(draftFile.path) : nil
        let report = try StoreFailure.guarded { try Simulator.run(store: store, request, progress: progress) }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let context = SimulationView.Context(
            draftFile: draftFile.path, currentFile: current.path, selection: selection,
            since: leads ? since : (since ?? Self.defaultSince), limit: limit, warnings: load.warnings
        )
        if output.json {
            print(JSONOutput.document(SimulationJSON(report, context)))
        } else {
            for line in SimulationView.lines(report, context, style: output.style) { print(line) }
        }
    }
}
