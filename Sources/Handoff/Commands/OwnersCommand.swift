import ArgumentParser
import Foundation
import HandoffDesk
import HandoffStore

/// `handoff owners`: who can take leads right now, and how loaded they are.
struct OwnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owners",
        abstract: "List the rulebook's owners: open load, whether they can take a lead now, absences, weight, pools.",
        discussion: """
            Load is open leads (assigned, not yet accepted) against capacity, from the database. NOW is \
            availability at --now (else the real clock), read on each owner's own clock, whose local time is shown.

            Exit codes: 0 success, 1 the rulebook has errors, 2 the rulebook or the database could not be read, \
            64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var clock: ClockOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let now = try clock.clock()()
        let (rulebook, load) = try StoreFailure.guarded {
            // Absences set with `handoff owner set-ooo` count as much as the rulebook's own.
            (try rules.inForce(store: store, at: now), try store.ledger().openLoad)
        }
        let owners = rulebook.owners.map { OwnerView($0, rulebook: rulebook, open: load[$0.id] ?? 0, at: now) }
        if output.json {
            print(JSONOutput.document(OwnerListJSON(at: now, rulebook: rulebook.version, owners: owners)))
        } else {
            for line in OwnerTable.lines(owners, style: output.style) { print(line) }
        }
    }
}
