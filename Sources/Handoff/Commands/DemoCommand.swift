import ArgumentParser
import Foundation
import HandoffCore
import HandoffDemo
import HandoffText

/// `handoff demo`: the live console over a demo workspace fed by a simulated stream; `--headless` prints
/// a fixed run as a table instead.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the live console on a demo workspace fed by a realistic synthetic stream.",
        discussion: """
            Creates the demo workspace (handoff-demo.db) if it is missing, then streams synthetic leads into it \
            at --rate leads a minute while simulated owners accept their leads after realistic delays (some too \
            late, so SLAs breach), with duplicates, free-mail and unreadable records and review routes at \
            realistic rates. The console is the real one over the real desk and store: only the source of leads \
            is simulated. The team is the built-in examples/demo-rulebook.yaml (sixteen owners in five \
            regional pools, a rest-of-world pool among them); --rules routes with another. --speed runs simulated time faster than the clock (10 = ten minutes a minute). The \
            demo starts an hour before a working Tuesday afternoon in Berlin, so every view is alive at once.

            With --headless:
            Generates known accounts owned by the rulebook's owners and a seeded stream of leads (clean ones, \
            free-mail addresses, repeats, missing companies), stores them in the demo database as they arrive, \
            routes them through the desk, and prints a row per lead and a tally. Then it measures the live \
            demo's first simulated hour (--minutes) at --rate (in a temporary database, the SLA timer running, no operator) \
            and prints the share of leads assigned with no person involved and the exceptions by reason. \
            Afterwards every other \
            command works on that database: `handoff leads --db handoff-demo.db --state flagged`.

            The database is created when missing and reused otherwise: leads already in it (their external \
            ids are the keys) are not added again, so the same run twice prints the same table. A database \
            holding another run's leads (another --seed or --now) is refused. HANDOFF_DB is not used here, \
            so a demo never writes into a real database by accident.

            Standard output is the same for the same rulebook, --seed, --leads, --rate, --minutes and --now; the timing line \
            goes to standard error because it never is. Colour is used only on a terminal, without NO_COLOR.

            Exit codes: 0 success, 1 the --rules file has errors, 2 the --rules file could not be read or the \
            database could not be opened or holds another run, 64 the command line is wrong.
            """
    )

    /// A Tuesday afternoon in Berlin, morning in New York and São Paulo: every example owner is at work.
    static let defaultNow = "2026-11-24T14:30:00Z"
    static let defaultDatabase = "handoff-demo.db"
    /// A headless run keeps every generated lead and its decision in memory (a few KB each).
    static let maximumLeads = 1_000_000

    @Flag(name: .long, help: "Print a fixed run to standard output instead of opening the console.")
    var headless = false

    @Option(name: .long, help: ArgumentHelp("Leads a minute the live stream brings (simulated time).", valueName: "leads"))
    var rate: Double = 40

    @Option(name: .long, help: ArgumentHelp("Simulated seconds per second of the clock.", valueName: "x"))
    var speed: Double = 4

    @OptionGroup var screen: ConsoleOptions

    @OptionGroup var actor: OperatorOptions

    @Option(name: .long, help: "Seed for the synthetic accounts and leads.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "How many leads to route.")
    var leads = 40

    @Option(name: .long, help: ArgumentHelp(
        "When the first lead arrives, ISO 8601. Default: $HANDOFF_NOW, else \(defaultNow).",
        valueName: "time"
    ))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("With --headless: how much of the live demo to measure after the table (0 skips it).", valueName: "minutes"))
    var minutes = 60

    @Flag(name: .long, help: "Print each decision's trace under its row.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp(
        "Rulebook to route with. Default: the built-in copy of \(DemoRulebook.fileName).",
        valueName: "path"
    ))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("The demo database, created when missing.", valueName: "path"))
    var db = defaultDatabase

    func validate() throws {
        guard (1...Self.maximumLeads).contains(leads) else {
            throw ValidationError("--leads must be from 1 to \(NumberText.grouped(Double(Self.maximumLeads))); a headless run holds its leads in memory.")
        }
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be between 0 and 100000 leads a minute.") }
        guard speed > 0, speed <= 1_000 else { throw ValidationError("--speed must be between 0 and 1000.") }
        guard minutes >= 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be between 0 and 1440.") }
        _ = try start()
    }

    /// --now, else HANDOFF_NOW, else the fixed demo time.
    private func start() throws -> Date {
        try ReferenceTime.resolve(now, environment: ProcessInfo.processInfo.environment, default: InstantText.parse(Self.defaultNow)!)
    }

    func run() throws {
        if !headless { return try live() }
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
        // The figure the demo stands for: its first hour, as the live console would open on it.
        if minutes > 0 {
            let hour = try StoreFailure.guarded {
                try DemoHour.measure(seed: seed, start: start.addingTimeInterval(TimeInterval(minutes * 60)), minutes: minutes, rulebook: rulebook, source: text, leadsPerMinute: rate)
            }
            print("")
            for line in DemoReport.hour(hour, leadsPerMinute: rate, style: Console.style) { print(line) }
        }
        let kept = outcome.added == run.rows.count ? "\(counted(outcome.added, "lead")) added"
            : "\(outcome.added) added, \(run.rows.count - outcome.added) already there"
        Console.error("\(db): \(kept). Explore it: handoff leads --db \(db) --state flagged")
        if outcome.added > 0 { Console.error(DemoReport.timing(run)) }
    }

    /// The live console over the demo workspace, with the simulation feeding it before each routing batch.
    private func live() throws {
        try ConsoleOptions.requireTerminal()
        let given = try ReferenceTime.given(now, environment: ProcessInfo.processInfo.environment)
        let start = given ?? LiveDemo.Settings.defaultStart
        let (rulebook, text) = try loadRulebook(lintWeek: start)
        let settings = LiveDemo.Settings(seed: seed, leadsPerMinute: rate, speed: speed, start: start)
        let demo = try StoreFailure.guarded {
            let workspace = try DemoWorkspace.prepare(path: db, seed: seed, start: start, rulebook: rulebook, source: text)
            let demo = try LiveDemo(workspace: workspace, settings: settings)
            // A new workspace gets its hour of history first (about a second), so the first frame already
            // shows owners with load, accepted leads and late ones.
            if demo.reached < start { _ = try demo.advance(to: start) }
            return demo
        }
        let clock = demo.clock()
        let name = actor.resolved()
        try StoreFailure.guarded {
            try screen.run(desk: demo.desk, workspace: db, operatorName: name, rulesPath: rules) { _ in
                _ = try demo.advance(to: clock.now())
            }
        }
    }

    private func loadRulebook(lintWeek: Date) throws -> (Rulebook, String) {
        let file = rules.map { RulebookFile(path: $0, origin: .given) }
        let text = try file?.read(hint: "Pass another --rules PATH, or leave --rules out to use the built-in demo team.")
            ?? DemoRulebook.yaml
        let name = file?.path ?? DemoRulebook.fileName
        let load = RulebookLoader.load(yaml: text, file: name, lintWeekStarting: lintWeek)
        guard let rulebook = load.rulebook, load.errors.isEmpty else {
            for line in RulebookCheckReport.diagnosticLines(load) { Console.error(line) }
            Console.error(RulebookCheckReport.verdict(file: name, load))
            throw ExitCode.rulebookInvalid
        }
        return (rulebook, text)
    }
}
