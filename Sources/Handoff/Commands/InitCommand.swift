import ArgumentParser
import Foundation
import HandoffDemo
import HandoffWorkspace

/// `handoff init [DIR]`: a rulebook to edit and an empty database, and what to do next.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a workspace: the example rulebook and an empty database.",
        discussion: """
            Writes DIR/rulebook.yaml (a copy of the example rulebook) unless one is there already, which is \
            left as it is, and creates the database DIR/handoff.db (an existing one is kept, never emptied). \
            With --database postgres://user@host:port/db, the workspace's store is that PostgreSQL database \
            instead, shared by every process a team points at it: its schema is created (or brought up to \
            date; a database holding other tables is refused), and no file is made.

            Exit codes: 0 success, 2 a file could not be written, 64 the command line is wrong.
            """
    )

    @Argument(help: ArgumentHelp("The folder to set up; created when missing.", valueName: "dir"))
    var directory = "."

    @Option(help: ArgumentHelp("A PostgreSQL database to keep the workspace in (postgres://user@host:port/db), instead of DIR/handoff.db.",
                               valueName: "url"))
    var database: String?

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

        if let database {
            try createShared(database)
        } else {
            let database = folder.appendingPathComponent(DatabaseOptions.standardPath)
            let existed = files.fileExists(atPath: database.path)
            _ = try DatabaseOptions.open(path: database.path, shown: shown(DatabaseOptions.standardPath))
            print(existed ? "\(shown(DatabaseOptions.standardPath)) already exists; kept it." : "Created \(shown(DatabaseOptions.standardPath)).")
        }

        print("")
        print("Next:")
        if directory != "." { print("  cd \(directory)") }
        var steps = [
            ("edit rulebook.yaml", "your owners, pools and routes (docs/RULEBOOK.md)"),
            ("handoff rules check", "every problem with its line"),
            ("handoff import leads.csv", "take in leads"),
            ("handoff route", "route the queue"),
            ("handoff leads", "see where they went"),
        ]
        if database != nil { steps.insert(("export HANDOFF_DATABASE=URL", "so every command uses the workspace"), at: 0) }
        let width = steps.map(\.0.count).max()! + 2
        for (command, why) in steps {
            print("  " + command.padding(toLength: width, withPad: " ", startingAt: 0) + why)
        }
    }

    /// Creates the workspace's schema in a PostgreSQL database (or a file named by path), saying which.
    private func createShared(_ named: String) throws {
        let location: StoreLocation
        do {
            location = try StoreLocation(naming: named)
        } catch {
            Console.error("handoff: --database: \(error)")
            throw ExitCode.validationFailure
        }
        let store = try DatabaseOptions.open(location, shown: location.description, creating: true)
        let counts = try StoreFailure.guarded { try store.counts() }
        let leads = counts.byState.values.reduce(0, +)
        print(leads == 0 ? "The workspace is ready in \(location)." : "\(location) holds a workspace already (\(leads) leads); kept it.")
    }
}
