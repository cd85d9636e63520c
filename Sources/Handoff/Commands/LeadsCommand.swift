import ArgumentParser
import Foundation
import HandoffStore

/// `handoff leads`: the newest leads, filtered, as a table or JSON.
struct LeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "List leads, newest first, by state, owner, reason or text.",
        discussion: """
            OWNER in parentheses is the owner proposed for a flagged lead; `handoff approve LEAD` assigns it.

            Exit codes: 0 success, 2 the database could not be read, 64 the command line is wrong \
            (an unknown --state or --reason lists the valid ones).
            """
    )

    @OptionGroup(title: "Filters") var filter: LeadFilterOptions

    @Option(name: .long, help: ArgumentHelp("Show at most this many.", valueName: "n"))
    var limit = 50

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...OptionLimits.rows).contains(limit) else { throw ValidationError("--limit must be from 1 to \(OptionLimits.rowsText).") }
    }

    func run() throws {
        let store = try database.openExisting()
        try StoreFailure.guarded {
            // One more than shown says whether there are more, without counting them all.
            let found = try store.leads(try filter.filter(limit: limit + 1))
            let shown = Array(found.prefix(limit))
            let more = found.count > limit
            if output.json {
                print(JSONOutput.document(LeadListJSON(leads: shown.map(LeadJSON.init), more: more)))
                return
            }
            guard !shown.isEmpty else {
                print(filter.isEmpty ? "No leads yet. `handoff import FILE` adds some." : "No leads match.")
                return
            }
            for line in LeadTable.lines(shown, style: output.style) { print(line) }
            if more { print("(newest \(limit) shown; more match: --limit N shows more)") }
        }
    }
}
