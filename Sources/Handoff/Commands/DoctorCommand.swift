import ArgumentParser
import HandoffStore
import HandoffText

/// `handoff doctor`: replays the log against the projections and says whether they agree.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the database's lead states and owner loads agree with its event log.",
        discussion: """
            First asks SQLite to check the file's pages; then replays the log against the leads' states and \
            versions, the owners' open loads and the pools' ledgers, and walks the log's hash chain (as \
            `handoff audit verify` does). Reads only; it reports, it does not repair.

            Damaged pages stop every write until doctor finds the file whole again (restored from a backup, \
            or rebuilt with `sqlite3 DB .recover`); doctor cannot repair them.

            Exit codes: 0 healthy, 1 problems or damage found, 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let report = try StoreFailure.guarded { try store.doctor() }
        if output.json {
            print(JSONOutput.document(DoctorJSON(healthy: report.healthy, leads: report.leads, events: report.events, damage: report.damage, problems: report.problems,
                                                chainVerifiedThrough: report.log?.verified?.seq)))
        } else {
            if !report.damage.isEmpty {
                print("The file is damaged; SQLite found:")
                for finding in report.damage { print("  " + finding) }
                print("Writes are refused until doctor finds it whole. Doctor cannot repair damaged pages: restore the file")
                print("from a backup, or save what SQLite can still read with `sqlite3 DB .recover | sqlite3 NEW.db` and check that.")
                print("")
            } else if let cleared = report.clearedDamage {
                print("The file's pages are whole again (damage noted earlier: \(cleared)); writes are allowed again.")
            }
            let checked = "Checked \(counted(report.leads, "lead")) and \(counted(report.events, "event"))"
            if report.healthy {
                let chain = report.log?.verified.map { "; the log's hash chain holds through entry #\($0.seq)" } ?? ""
                print("\(checked): healthy\(chain).")
            } else if report.problems.isEmpty {
                print("\(checked), as far as they could be read: no disagreement with the log.")
            } else {
                print("\(checked): \(counted(report.problems.count, "problem")).")
                for problem in report.problems { print("  " + problem) }
            }
        }
        if !report.healthy { throw ExitCode.unhealthy }
    }
}
