import ArgumentParser
import Foundation
import HandoffCore
import HandoffStore
import HandoffText

/// `handoff rules diff V1 [V2]`: what changed between two recorded rulebooks (or one and the file).
struct RulesDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two rulebook versions.",
        discussion: """
            V1 and V2 are versions from `handoff rules history` (a unique prefix is enough). Without V2, V1 is \
            compared with the rulebook file (--rules, $HANDOFF_RULES, else ./rulebook.yaml). The changes are \
            listed in the rulebook's terms: routes, pools, owners and policies added, removed or changed, and \
            a new route order.

            Exit codes: 0 no differences, 1 differences found, 2 the database or a version could not be read, \
            64 the command line is wrong.
            """
    )

    @Argument(help: "The older version.")
    var from: String

    @Argument(help: "The newer version. Default: the rulebook file.")
    var to: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions

    func run() throws {
        let store = try database.openExisting()
        let (old, oldName) = try stored(from, in: store)
        let (new, newName): (Rulebook, String)
        if let to {
            (new, newName) = try stored(to, in: store)
        } else {
            let loaded = try rules.load(lintWeek: Date())
            (new, newName) = (loaded.rulebook, "\(loaded.path) (\(loaded.rulebook.version))")
        }
        let lines = RulebookDiff.lines(from: old, to: new)
        print("\(oldName) -> \(newName)")
        if lines.isEmpty {
            print("No differences in routes, pools, owners or policies.")
            return
        }
        for line in lines { print("  " + line) }
        throw ExitCode(1)
    }

    /// A recorded rulebook by version or unique prefix, loaded from its stored text.
    private func stored(_ version: String, in store: any LeadStore) throws -> (Rulebook, String) {
        let all = try StoreFailure.guarded { try store.rulebooks() }
        let matches = all.filter { $0.version.hasPrefix(version) }
        guard matches.count == 1, let match = matches.first else {
            let known = all.map(\.version).joined(separator: ", ")
            Console.error(matches.isEmpty
                ? "handoff: no recorded rulebook \(version); recorded: \(known.isEmpty ? "none" : known)"
                : "handoff: \(version) matches \(matches.count) versions (\(matches.map(\.version).joined(separator: ", "))); give more of it")
            throw ExitCode.unreadable
        }
        guard let text = try StoreFailure.guarded({ try store.rulebookSource(match.version) }),
              let rulebook = RulebookLoader.load(yaml: text, file: match.version).rulebook else {
            Console.error("handoff: the text recorded for \(match.version) no longer loads")
            throw ExitCode.unreadable
        }
        return (rulebook, "\(match.version) (\(match.name), \(InstantText.format(match.loadedAt)))")
    }
}
