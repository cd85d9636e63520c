import ArgumentParser
import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// `handoff rules history`: every rulebook version the workspace has routed with.
struct RulesHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the rulebook versions this database has recorded, oldest first.",
        discussion: """
            A version is recorded (its hash, name, time, author and full text) the first time it routes leads. \
            DECIDED counts the leads whose latest decision it made. `handoff rules diff V1 V2` shows what \
            changed between two of them; a unique prefix of a version is enough.

            Exit codes: 0 success, 2 the database could not be read, 64 the command line is wrong.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        var version: String
        var name: String
        var loadedAt: Date
        var author: String
        var decided: Int
    }

    func run() throws {
        let store = try database.openExisting()
        let stored = try StoreFailure.guarded { try store.rulebooks() }
        if output.json {
            print(JSONOutput.document(stored.map { Entry(version: $0.version, name: $0.name, loadedAt: $0.loadedAt, author: $0.author, decided: $0.decisions) }))
            return
        }
        guard !stored.isEmpty else {
            print("No rulebook recorded yet: `handoff route` records the one it routes with.")
            return
        }
        let table = TextTable([.init("VERSION"), .init("NAME"), .init("LOADED"), .init("AUTHOR"), .init("DECIDED", .right)])
        let rows: [[TextTable.Cell]] = stored.map {
            [.init($0.version), .init($0.name), .init(InstantText.format($0.loadedAt)), .init($0.author), .init(Progress.grouped($0.decisions))]
        }
        for line in table.render(rows, style: output.style) { print(line) }
    }
}
