import ArgumentParser
import Foundation
import HandoffCore
import HandoffText

/// `handoff rules check [FILE]`: every diagnostic, then a verdict; the exit code says which.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a rulebook and list every problem with its line and column.",
        discussion: """
            Prints each problem as FILE:LINE:COL: error|warning: message, in file order, then one verdict \
            line. Errors mean the rulebook cannot be used; warnings are advice. When the rulebook's \
            tests sit beside it (rulebook.tests.yaml beside rulebook.yaml), they are run too and every \
            failure is listed (`handoff rules test` shows each with its trace).

            Exit codes: 0 valid (warnings allowed) and its tests pass, 1 errors found or a test failed, \
            2 the file could not be read, \
            64 the command line is wrong.
            """
    )

    @Argument(help: "The rulebook file. Default: $HANDOFF_RULES, else ./rulebook.yaml.")
    var file: String?

    @Option(name: .long, help: ArgumentHelp("The rulebook file, as an option; same as FILE.", valueName: "path"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp(
        "Reference time for the coverage check, ISO 8601 (e.g. 2026-11-24T14:30:00Z). Default: $HANDOFF_NOW, else now.",
        valueName: "time"
    ))
    var now: String?

    @Flag(name: .long, help: "Print one JSON document (verdict and diagnostics) instead of text.")
    var json = false

    func validate() throws {
        if let file, let rules, file != rules {
            throw ValidationError("Give the rulebook once: either FILE or --rules, not both.")
        }
        // Checked here too so a bad time is reported with this command's usage.
        _ = try ReferenceTime.resolve(now, environment: ProcessInfo.processInfo.environment, default: Date())
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let source = RulebookFile.locate(given: file ?? rules, environment: environment)
        let text = try source.read(hint: "Pass its path (handoff rules check PATH, or --rules PATH), or set HANDOFF_RULES.")
        let week = try ReferenceTime.resolve(now, environment: environment, default: Date())
        let load = RulebookLoader.load(yaml: text, file: source.path, lintWeekStarting: week)

        let tests = load.errors.isEmpty ? load.rulebook.flatMap { RulebookTests.beside(source.path, rulebook: $0) } : nil
        if json {
            let summary = tests.map {
                RulebookCheckReport.TestsSummary(
                    file: $0.file, passed: $0.results.count - $0.failed.count, failed: $0.failed.count,
                    errors: $0.errors.map(\.description), problems: $0.problemLines
                )
            }
            print(RulebookCheckReport.json(file: source.path, load, tests: summary))
        } else {
            for line in RulebookCheckReport.diagnosticLines(load) { print(line) }
            print(RulebookCheckReport.verdict(file: source.path, load))
            if let tests {
                for line in tests.problemLines { print(TerminalText.safe(line)) }
                print(Console.style.paint(tests.verdict, tests.passed ? .green : .red))
            }
        }
        if load.rulebook == nil || !load.errors.isEmpty || tests?.passed == false { throw ExitCode.rulebookInvalid }
    }
}
