import ArgumentParser
import Foundation
import HandoffCore
import HandoffDemo
import HandoffText

/// `handoff demo --headless`: synthetic leads through a rulebook, in memory, printed as a table.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Route synthetic leads in memory and show each decision.",
        discussion: """
            Generates known accounts owned by the rulebook's owners and a seeded stream of leads (clean ones, \
            free-mail addresses, repeats, missing companies), routes them, and prints a row per lead and a \
            tally. Nothing is stored.

            Standard output is the same for the same rulebook, --seed, --leads and --now; the timing line \
            goes to standard error because it never is. Colour is used only on a terminal, without NO_COLOR.

            Exit codes: 0 success, 1 the --rules file has errors, 2 the --rules file could not be read, \
            64 the command line is wrong.
            """
    )

    /// A Tuesday afternoon in Berlin, morning in New York and São Paulo: every example owner is at work.
    static let defaultNow = "2026-11-24T14:30:00Z"

    @Flag(name: .long, help: "Print the run to standard output (the live console is not built yet).")
    var headless = false

    @Option(name: .long, help: "Seed for the synthetic accounts and leads.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "How many leads to route.")
    var leads = 40

    @Option(name: .long, help: ArgumentHelp(
        "When the first lead arrives, ISO 8601. Default: $HANDOFF_NOW, else \(defaultNow).",
        valueName: "time"
    ))
    var now: String?

    @Flag(name: .long, help: "Print each decision's trace under its row.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp(
        "Rulebook to route with. Default: the built-in copy of \(ExampleRulebook.fileName).",
        valueName: "path"
    ))
    var rules: String?

    func validate() throws {
        guard headless else {
            throw ValidationError("The live console is not built yet; run `handoff demo --headless`.")
        }
        guard leads >= 1 else { throw ValidationError("--leads must be at least 1.") }
        _ = try start()
    }

    /// --now, else HANDOFF_NOW, else the fixed demo time.
    private func start() throws -> Date {
        try ReferenceTime.resolve(now, environment: ProcessInfo.processInfo.environment, default: InstantText.parse(Self.defaultNow)!)
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let start = try start()
        let rulebook = try loadRulebook(lintWeek: start)

        let run = DemoRun.run(rulebook, DemoRun.Settings(seed: seed, leads: leads, start: start))
        let style = TextStyle(enabled: TextStyle.wanted(isTerminal: Console.standardOutputIsTerminal, environment: environment))
        for line in DemoReport.lines(run, explain: explain, style: style) { print(line) }
        Console.error(DemoReport.timing(run))
    }

    private func loadRulebook(lintWeek: Date) throws -> Rulebook {
        let file = rules.map { RulebookFile(path: $0, origin: .given) }
        let text = try file?.read(hint: "Pass another --rules PATH, or leave --rules out to use the built-in example.")
            ?? ExampleRulebook.yaml
        let name = file?.path ?? ExampleRulebook.fileName
        let load = RulebookLoader.load(yaml: text, file: name, lintWeekStarting: lintWeek)
        guard let rulebook = load.rulebook, load.errors.isEmpty else {
            for line in RulebookCheckReport.diagnosticLines(load) { Console.error(line) }
            Console.error(RulebookCheckReport.verdict(file: name, load))
            throw ExitCode.rulebookInvalid
        }
        return rulebook
    }
}
