import ArgumentParser
import HandoffStore

/// `handoff show LEAD`: one lead in full.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one lead: its fields, where it stands, the decision and its history.",
        discussion: """
            Fields are shown as received; beside a field, "read as" gives the router's reading where it \
            differs (an ISO country code, a number, a domain, or a value it could not read).

            Exit codes: 0 success, 2 the database could not be read, 4 no such lead, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        try StoreFailure.guarded {
            let record = try LeadLookup.record(lead, in: store)
            let events = try LeadLookup.history(record.lead.id, in: store)
            if output.json {
                print(JSONOutput.document(LeadDetailJSON(record, events: events)))
            } else {
                for line in LeadDetailText.lines(record, events: events, style: output.style) { print(line) }
            }
        }
    }
}
