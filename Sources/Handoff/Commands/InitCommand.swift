import ArgumentParser
import Foundation
import HandoffDemo

/// `handoff init [DIR]`: a rulebook to edit and an empty database, and what to do next.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a workspace: the example rulebook and an empty database.",
        discussion: """
            Writes DIR/rulebook.yaml (a copy of the example rulebook) unless one is there already, which is \
            left as it is, and creates the database DIR/handoff.db (an existing one is kept, never emptied).

            Exit codes: 0 success, 2 a file could not be written, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The folder to set up; created when missing.", valueName: "dir"))
    var directory = "."

    func run() throws {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: directory)
        // Paths as the user would type them from here.
        func shown(_ name: String) -> String { directory == "." ? name : (directory as NSString).appendingPathComponent(name) }
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            Console.error("handoff: cannot create \(directory): \(error.localizedDescription)")
            throw ExitCode.unreadable
        }

        let rulebook = folder.appendingPathComponent(RulebookFile.standardPath)
        if files.fileExists(atPath: rulebook.path) {
            print("\(shown(RulebookFile.standardPath)) already exists; left it as it is.")
        } else {
            do {
                try Data(ExampleRulebook.yaml.utf8).write(to: rulebook, options: .withoutOverwriting)
            } catch {
                Console.error("handoff: cannot write \(shown(RulebookFile.standardPath)): \(error.localizedDescription)")
                throw ExitCode.unreadable
            }
            print("Wrote \(shown(RulebookFile.standardPath)), the example rulebook.")
        }

        let database = folder.appendingPathComponent(DatabaseOptions.standardPath)
        let existed = files.fileExists(atPath: database.path)
        _ = try DatabaseOptions.open(path: database.path, shown: shown(DatabaseOptions.standardPath))
        print(existed ? "\(shown(DatabaseOptions.standardPath)) already exists; kept it." : "Created \(shown(DatabaseOptions.standardPath)).")

        print("")
        print("Next:")
        if directory != "." { print("  cd \(directory)") }
        for (command, why) in [
            ("edit rulebook.yaml", "your owners, pools and routes (docs/RULEBOOK.md)"),
            ("handoff rules check", "every problem with its line"),
            ("handoff import leads.csv", "take in leads"),
            ("handoff route", "route the queue"),
            ("handoff leads", "see where they went"),
        ] {
            print("  " + command.padding(toLength: 26, withPad: " ", startingAt: 0) + why)
        }
    }
}
