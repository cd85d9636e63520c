import ArgumentParser
import Foundation
import HandoffCore
import HandoffDemo
import HandoffText

/// `handoff demo --headless`: synthetic leads through a rulebook, the store and the desk, printed as a table.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Route synthetic leads through a demo database and show each decision.",
        discussion: """
            Generates known accounts owned by the rulebook's owners and a seeded stream of leads (clean ones, \
            free-mail addresses, repeats, missing companies), stores them in the demo database as they arrive, \
            routes them through the desk, and prints a row per lead and a tally. Afterwards every other \
            command works on that database: `handoff leads --db handoff-demo.db --state flagged`.

            The database is created when missing and reused otherwise: leads already in it (their external \
            ids are the keys) are not added again, so the same run twice prints the same table. A database \
            holding another run's leads (another --seed or --now) is refused. HANDOFF_DB is not used here, \
            so a demo never writes into a real database by accident.

            Standard output is the same for the same rulebook, --seed, --leads and --now; the timing line \
            goes to standard error because it never is. Colour is used only on a terminal, without NO_COLOR.

            Exit codes: 0 success, 1 the --rules file has errors, 2 the --rules file could not be read or the \
            database could not be opened or holds another run, 64 the command line is wrong.
            """
    )

    /// A Tuesday afternoon in Berlin, morning in New York and São Paulo: every example owner is at work.
    static let defaultNow = "2026-11-24T14:30:00Z"
    static let defaultDatabase = "handoff-demo.db"

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

    @Option(name: .long, help: ArgumentHelp("The demo database, created when missing.", valueName: "path"))
    var db = defaultDatabase

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
        let start = try start()
        let (rulebook, text) = try loadRulebook(lintWeek: start)
        let store = try DatabaseOptions.open(path: db, shown: db)

        // The seeded accounts and stream go through the desk into the demo database; the report shows
        // the decisions the desk stored.
        let settings = DemoRun.Settings(seed: seed, leads: leads, start: start)
        let (accounts, stream) = DemoRun.workload(rulebook, settings)
        let outcome = try StoreFailure.guarded {
            try DemoDatabase(store: store, shown: db).feed(stream, accounts: accounts, rulebook: rulebook, rulebookText: text)
        }
        let rows = outcome.records.compactMap { record in record.decision.map { DemoRun.Row(lead: record.lead, decision: $0) } }
        let run = DemoRun(rulebook: rulebook, settings: settings, rows: rows, routingTime: outcome.routingTime)

        for line in DemoReport.lines(run, explain: explain, style: Console.style) { print(line) }
        let kept = outcome.added == run.rows.count ? "\(counted(outcome.added, "lead")) added"
            : "\(outcome.added) added, \(run.rows.count - outcome.added) already there"
        Console.error("\(db): \(kept). Explore it: handoff leads --db \(db) --state flagged")
        if outcome.added > 0 { Console.error(DemoReport.timing(run)) }
    }

    private func loadRulebook(lintWeek: Date) throws -> (Rulebook, String) {
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
        return (rulebook, text)
    }
}
