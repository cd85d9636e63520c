import ArgumentParser
import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffText

/// `--rules PATH`: the rulebook a command routes or checks owners with.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rulebook. Default: $HANDOFF_RULES, else ./rulebook.yaml.", valueName: "path"))
    var rules: String?

    /// A rulebook that loaded without errors, and the text it came from (kept with the decisions it makes).
    struct Loaded {
        var rulebook: Rulebook
        var text: String
        var path: String
    }

    /// Loads the rulebook; errors are printed as `rules check` prints them and exit with code 1.
    /// Warnings are left to `rules check`: a command that merely uses the rulebook stays quiet about advice.
    func load(lintWeek: Date) throws -> Loaded {
        let file = RulebookFile.locate(given: rules, environment: ProcessInfo.processInfo.environment)
        let text = try file.read(hint: "Pass --rules PATH, set HANDOFF_RULES, or run `handoff init` to write the example rulebook.")
        let load = RulebookLoader.load(yaml: text, file: file.path, lintWeekStarting: lintWeek)
        guard let rulebook = load.rulebook, load.errors.isEmpty else {
            for diagnostic in load.errors { Console.error(diagnostic.description) }
            Console.error(RulebookCheckReport.verdict(file: file.path, load))
            throw ExitCode.rulebookInvalid
        }
        return Loaded(rulebook: rulebook, text: text, path: file.path)
    }
}

extension RulesOptions {
    /// The rulebook as the desk runs it: the file's, with the absences and pauses operators set at run time.
    func inForce(store: some LeadStore, at now: Date) throws -> Rulebook {
        try Desk.withOperatorChanges(try load(lintWeek: now).rulebook, store: store)
    }
}

extension RulesOptions {
    /// The rulebook when one is there and loads, without a word otherwise: for a command that does not
    /// need it to run but asks it who may (a plain import).
    func quietly(at now: Date) -> Rulebook? {
        let file = RulebookFile.locate(given: rules, environment: ProcessInfo.processInfo.environment)
        guard let text = try? String(contentsOfFile: file.path, encoding: .utf8) else { return nil }
        return RulebookLoader.load(yaml: text, file: file.path, lintWeekStarting: now).rulebook
    }
}
