import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// `handoff show LEAD`: one lead in full.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one lead: its fields, where it stands, the decision and its history.",
        discussion: """
            Fields are shown as received; beside a field, "read as" gives the router's reading where it \
            differs (an ISO country code, a number, a domain, or a value it could not read).

            An assigned lead under an SLA shows when its owner must accept it, counted in their working \
            hours by the rulebook version that decided it (as recorded in the database).

            Exit codes: 0 success, 2 the database could not be read, 4 no such lead, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        let store = try database.openExisting()
        try StoreFailure.guarded {
            let record = try LeadLookup.record(lead, in: store)
            let events = try LeadLookup.history(record.lead.id, in: store)
            let due = try Self.acceptBy(record, store: store)
            if output.json {
                print(JSONOutput.document(LeadDetailJSON(record, events: events, acceptBy: due)))
            } else {
                let now = try clock.clock()()
                for line in LeadDetailText.lines(record, events: events, acceptBy: due, now: now, style: output.style) { print(line) }
            }
        }
    }

    /// The accept-by time of an assigned lead, by the recorded rulebook of its decision with the operators'
    /// absences (nil when not assigned, without an SLA, or its rulebook text was never recorded).
    static func acceptBy(_ record: LeadRecord, store: any LeadStore) throws -> Date? {
        guard record.state == .assigned, let version = record.decision?.rulebookVersion,
              let source = try store.rulebookSource(version),
              let rulebook = RulebookLoader.load(yaml: source, file: "rulebook \(version)").rulebook else { return nil }
        let inForce = try Desk.withOperatorChanges(rulebook, store: store)
        return inForce.acceptBy(owner: record.owner, route: record.route, since: record.updatedAt)
    }
}
