import ArgumentParser
import Foundation
import HandoffConsole

/// `handoff console`: the live, full-screen console over a workspace, routing in the background.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the live console: incoming leads, exceptions, owners and the log, with actions.",
        discussion: """
            The routing core drains the queue in the background of the same process while you watch and act. \
            Views: 1 Incoming, 2 Exceptions, 3 Owners, 4 Activity (Tab cycles). Enter opens a lead's detail; \
            a approves, r reassigns, n annotates, x disqualifies, R retries routing, u undoes; / filters; \
            : opens the command line; ? lists every key.

            Every action goes through the desk with the lead's version: if the router or another console changed \
            the lead first, the action is refused and the console shows what changed, by whom and when.

            The console acts with the operator's role (viewer, operator or lead: granted in the database, else \
            the rulebook's people:, where everyone is a lead when it names no one; `handoff people` lists them), \
            or less with --role. \
            With --read-only or the viewer role the database is opened read-only: the console neither routes, \
            runs the SLA timer, records the rulebook nor migrates the file. When the newest log entry is more \
            than a day from the console's clock (a demo's simulated time, an old copy), routing and the SLA \
            timer start held and the console says so; :resume runs them, or give --now to act at another time.

            Needs a terminal. In a pipe or a script, use `handoff leads`, `handoff owners` and `handoff log`.

            Exit codes: 0 after q, 1 the rulebook has errors, 2 the database or rulebook could not be read, or \
            standard input/output is not a terminal, 64 the command line is wrong.
            """
    )

    @OptionGroup var desk: DeskOptions
    @OptionGroup var screen: ConsoleOptions

    func run() throws {
        try ConsoleOptions.requireTerminal()
        // A console that only watches opens the database read-only: SQLite refuses any write, nothing is
        // migrated, and it neither routes, runs the SLA timer nor records the rulebook.
        let watching = screen.watchesOnly(granted: try desk.grantedRole())
        let opened = try desk.open(readOnly: watching)
        // A workspace whose log stops far from this clock (a demo's simulated time, an old copy) would have
        // the SLA timer act on every open lead at once: routing starts held until the operator says so.
        // A time given with --now (or HANDOFF_NOW) is that say.
        let chosenTime = try desk.clock.fixed() != nil
        let hold = watching || chosenTime ? nil : try StoreFailure.guarded { try opened.desk.clockGap() }
        if !watching {
            // Decisions name the rulebook by version; keeping its text lets `rules diff` and `explain --replay`
            // read it later. (A database file the system will not let us write simply does not keep it.)
            try? opened.store.record(rulebook: opened.rules.rulebook, source: opened.rules.text, author: opened.operatorName, at: opened.desk.clock())
        }
        try StoreFailure.guarded {
            try screen.run(desk: opened.desk, workspace: opened.store.location, operatorName: opened.operatorName, rulesPath: opened.rules.path,
                           route: !watching, hold: hold)
        }
    }
}
