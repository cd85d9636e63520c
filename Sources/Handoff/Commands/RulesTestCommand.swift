import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffText

/// `handoff rules test [TESTS]`: runs the rulebook's tests through the real router, or with --record
/// writes tests that pin stored decisions.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rulebook's tests: leads with the route, pool, owner or exception they must get.",
        discussion: """
            Each case in the test file (default: the rulebook's name with .tests before its extension, \
            e.g. rulebook.tests.yaml; format in docs/RULEBOOK.md, "Tests") is decided by the real router \
            from the rulebook and the case's circumstances alone. Prints a line per case, and for each \
            failure its FILE:LINE:COL, what was expected, what happened and the decision's trace; then \
            "N passed, M failed".

            --record N writes a test file instead: a case for each of the newest N decisions stored in \
            the database (--db) within --since, with the inputs it recorded as circumstances and its \
            outcome as expectations. Run against the rulebook that made them, they pass; run against a \
            draft, the failures are the decisions the draft would change. An existing file is kept \
            unless --force is given.

            `handoff rules check` and the console's rulebook reload run the tests beside the rulebook \
            when the file exists; a reload whose tests fail is refused.

            Exit codes: 0 every case passed (with --record: written), 1 a case failed or the rulebook or \
            the test file has errors, 2 a file could not be read or written, 64 the command line is wrong.
            """
    )

    @Argument(help: "The test file. Default: beside the rulebook, e.g. rulebook.tests.yaml.")
    var tests: String?

    @OptionGroup var rules: RulesOptions

    @Flag(name: .long, help: "Print one JSON document (counts, and each case with its outcome and trace) instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write the results as JUnit XML to this file, for CI systems.", valueName: "path"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Write a test file pinning the newest N stored decisions instead of running tests.", valueName: "n"))
    var record: Int?

    @Option(name: .long, help: ArgumentHelp("With --record: decisions made this long before --now: 30d, 2w, 12h. Default: 30d.", valueName: "duration"))
    var since: String?

    @Flag(name: .long, help: "With --record: replace the test file if it exists.")
    var force = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var clock: ClockOptions

    func validate() throws {
        if let record, !(1...100_000).contains(record) {
            throw ValidationError("--record takes a number of decisions from 1 to 100000.")
        }
        if record == nil {
            if since != nil { throw ValidationError("--since chooses decisions to record; use it with --record N.") }
            if force { throw ValidationError("--force replaces a recorded test file; use it with --record N.") }
        } else if json || junit != nil {
            throw ValidationError("--record writes a test file; --json and --junit report a test run. Run the recorded file afterwards.")
        }
        if let since, DurationText.seconds(since) == nil {
            throw ValidationError("--since '\(since)' is not a duration; write it like 30d, 2w or 12h.")
        }
    }

    func run() throws {
        let now = try clock.fixed() ?? Date()
        let loaded = try rules.load(lintWeek: now)
        let path = tests ?? RuleCaseLoader.companion(ofRulebook: loaded.path)
        if let record { return try write(record, to: path, rulebook: loaded, now: now) }

        let text = try RulebookFile(path: path, origin: tests == nil ? .companion : .given, noun: "tests")
            .read(hint: tests == nil ? "Write cases there (docs/RULEBOOK.md, \"Tests\"), pass the test file's path, or record some with --record N." : "Pass the path of a test file.")
        let started = Date()
        let load = RuleCaseLoader.load(yaml: text, file: path)
        guard load.errors.isEmpty else {
            for diagnostic in load.errors { Console.error(TerminalText.safe(diagnostic.description)) }
            Console.error("\(path): \(load.errors.count) error\(load.errors.count == 1 ? "" : "s"); no case was run.")
            throw ExitCode.rulebookInvalid
        }
        let results = RuleCaseRunner(rulebook: loaded.rulebook).run(load.cases)
        let seconds = Date().timeIntervalSince(started)
        if json {
            print(RuleCaseReport.json(results, file: path, rulebookVersion: loaded.rulebook.version))
        } else {
            for line in RuleCaseReport.text(results, file: path, style: Console.style) { print(line) }
        }
        if let junit {
            do {
                try Data(RuleCaseReport.junit(results, file: path, seconds: seconds).utf8).write(to: URL(fileURLWithPath: junit))
            } catch {
                Console.error("handoff: cannot write JUnit XML to \(junit): \(error.localizedDescription).")
                throw ExitCode.unreadable
            }
        }
        if results.contains(where: { !$0.passed }) { throw ExitCode.rulebookInvalid }
    }

    private func write(_ count: Int, to path: String, rulebook loaded: RulesOptions.Loaded, now: Date) throws {
        if FileManager.default.fileExists(atPath: path), !force {
            Console.error("handoff: \(path) exists; recording would replace its cases. Name another file, or add --force.")
            throw ExitCode.unreadable
        }
        let store = try database.openExisting()
        let window = TimeInterval(DurationText.seconds(since ?? "30d") ?? 2_592_000)
        let recorded = try Desk.recordCases(store, count: count, since: now.addingTimeInterval(-window), rulebook: loaded.rulebook)
        guard !recorded.isEmpty else {
            Console.error("handoff: no decision was made in the \(since ?? "30d") before \(InstantText.format(now)); nothing recorded. Route some leads, or widen --since.")
            throw ExitCode.rulebookInvalid
        }
        let header = [
            "\(recorded.count) decisions recorded from \(database.shown) on \(InstantText.format(now)),",
            "pinned against \(loaded.path) (version \(loaded.rulebook.version)). Run: handoff rules test \(path)",
        ]
        let text = RuleCaseRecorder.yaml(recorded, rulebook: loaded.rulebook, header: header)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            Console.error("handoff: cannot write \(path): \(error.localizedDescription).")
            throw ExitCode.unreadable
        }
        print("Wrote \(recorded.count) case\(recorded.count == 1 ? "" : "s") to \(path). Run `handoff rules test \(path)` to check them.")
    }
}
