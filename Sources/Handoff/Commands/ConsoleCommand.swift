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

            Needs a terminal. In a pipe or a script, use `handoff leads`, `handoff owners` and `handoff log`.

            Exit codes: 0 after q, 1 the rulebook has errors, 2 the database or rulebook could not be read, or \
            standard input/output is not a terminal, 64 the command line is wrong.
            """
    )

    @OptionGroup var desk: DeskOptions
    @OptionGroup var screen: ConsoleOptions

    func run() throws {
        try ConsoleOptions.requireTerminal()
        let opened = try desk.open()
        // Decisions name the rulebook by version; keeping its text lets `rules diff` and `explain --replay`
        // read it later. (A read-only database simply does not keep it.)
        try? opened.store.record(rulebook: opened.rules.rulebook, source: opened.rules.text, author: opened.operatorName, at: opened.desk.clock())
        try StoreFailure.guarded {
            try screen.run(desk: opened.desk, workspace: opened.store.path, operatorName: opened.operatorName, rulesPath: opened.rules.path)
        }
    }
}
