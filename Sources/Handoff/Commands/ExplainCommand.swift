import ArgumentParser
import HandoffCore
import HandoffDesk
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

            With --replay, the stored decision is made again from its recorded inputs (the rulebook version \
            it names, as recorded in the database; the operator absences and pauses in force then; the \
            account, earlier lead, open loads and pool turns it saw) and compared: either "reproduced \
            exactly" or each difference. Nothing is written.

            Exit codes: 0 success (with --replay: reproduced), 1 --replay gave a different decision, 2 the \
            database could not be read, 3 the decision cannot be replayed (not routed, or its rulebook or \
            inputs were not recorded), 4 no such lead, 64 the command line is wrong.
            """
    )

    @Flag(help: "Re-run the stored decision from its recorded inputs and confirm it is reproduced exactly.")
    var replay = false

    @Argument(help: ArgumentHelp("The lead's id (L-0000007, or just 7).", valueName: "lead"))
    var lead: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.openExisting()
        let style = Console.style
        if replay { return try runReplay(store) }
        try StoreFailure.guarded {
            let record = try LeadLookup.record(lead, in: store)
            let id = record.lead.id
            if let decision = record.decision {
                let outcome = decision.isAssigned ? "assigned to \(decision.owner ?? "nobody")" : "flagged (\(decision.reason?.code ?? "no reason"))"
                print("\(id) was \(outcome) at \(InstantText.format(decision.decidedAt)) by rulebook version \(decision.rulebookVersion):")
                for line in DecisionText.lines(decision) { print("  " + line) }
                if record.state == .received { print("It has been queued again since; the next `handoff route` decides anew.") }
            } else if let problem = record.decisionProblem {
                print("\(id) was decided, but its stored decision is damaged: \(problem).")
                print(DecisionDamage.advice(record))
            } else {
                print("\(id) is queued: received \(InstantText.format(record.lead.receivedAt)), not routed yet. `handoff route` routes it.")
            }
            print("")
            print("Now \(StatePhrase.of(record)), version \(record.version). History:")
            for line in EventText.table(try LeadLookup.history(id, in: store), showLead: false, style: style) { print("  " + line) }
        }
    }

    private func runReplay(_ store: any LeadStore) throws {
        let result: ReplayResult = try StoreFailure.guarded {
            let id = try LeadLookup.record(lead, in: store).lead.id
            do {
                return try Desk.replay(id, in: store)
            } catch let error as ReplayError {
                Console.error("handoff: cannot replay \(id): \(error.description).")
                throw ExitCode(3)
            }
        }
        let d = result.stored
        print("\(d.leadId): decision of \(InstantText.format(d.decidedAt)) by rulebook version \(d.rulebookVersion), replayed from its recorded inputs.")
        if result.reproduced {
            print(Console.style.paint("Reproduced exactly:", .green) + " " + DecisionText.summary(result.replayed))
            return
        }
        print(Console.style.paint("Not reproduced:", .red))
        for line in result.differences { print("  " + line) }
        throw ExitCode.failure
    }
}
