import ArgumentParser
import HandoffCore
import HandoffStore
import HandoffText

/// `handoff explain LEAD`: why the router decided what it did, step by step, then what people did since.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a lead's routing decision: each step, every owner considered and why they were passed over.",
        discussion: """
            Prints the decision's trace a step a line (readiness, duplicates, account, the route that matched \
            or why each did not, the pool and every member with the reason they were passed over), then the \
            lead's history. A lead not routed yet is said to be queued.

            Exit codes: 0 success, 2 the database could not be read, 4 no such lead, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.openExisting()
        let style = Console.style
        try StoreFailure.guarded {
            let record = try LeadLookup.record(lead, in: store)
            let id = record.lead.id
            if let decision = record.decision {
                let outcome = decision.isAssigned ? "assigned to \(decision.owner ?? "nobody")" : "flagged (\(decision.reason?.code ?? "no reason"))"
                print("\(id) was \(outcome) at \(InstantText.format(decision.decidedAt)) by rulebook version \(decision.rulebookVersion):")
                for line in DecisionText.lines(decision) { print("  " + line) }
                if record.state == .received { print("It has been queued again since; the next `handoff route` decides anew.") }
            } else {
                print("\(id) is queued: received \(InstantText.format(record.lead.receivedAt)), not routed yet. `handoff route` routes it.")
            }
            print("")
            print("Now \(StatePhrase.of(record)), version \(record.version). History:")
            for line in EventText.table(try LeadLookup.history(id, in: store), showLead: false, style: style) { print("  " + line) }
        }
    }
}
