import ArgumentParser
import HandoffStore
import HandoffText

/// `handoff doctor`: replays the log against the projections and says whether they agree.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the database's lead states and owner loads agree with its event log.",
        discussion: """
            Reads only; it reports, it does not repair.

            Exit codes: 0 healthy, 1 problems found, 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = try database.openExisting()
        let report = try StoreFailure.guarded { try store.doctor() }
        if output.json {
            print(JSONOutput.document(DoctorJSON(healthy: report.healthy, leads: report.leads, events: report.events, problems: report.problems)))
        } else {
            let checked = "Checked \(counted(report.leads, "lead")) and \(counted(report.events, "event"))"
            if report.healthy {
                print("\(checked): healthy.")
            } else {
                print("\(checked): \(counted(report.problems.count, "problem")).")
                for problem in report.problems { print("  " + problem) }
            }
        }
        if !report.healthy { throw ExitCode.unhealthy }
    }
}
