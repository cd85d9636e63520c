import Foundation
import HandoffCore
import HandoffText

/// The tests beside a rulebook (`rulebook.tests.yaml` beside `rulebook.yaml`), as `rules check` and the
/// console's reload run them: a rulebook whose tests fail is not one to put in force.
struct RulebookTests {
    var file: String
    /// Problems in the test file itself; then no case ran.
    var errors: [Diagnostic]
    var results: [RuleCaseResult]

    var passed: Bool { errors.isEmpty && results.allSatisfy(\.passed) }
    var failed: [RuleCaseResult] { results.filter { !$0.passed } }

    /// Runs the tests beside `rulebookPath` against `rulebook`; nil when there is no such file.
    static func beside(_ rulebookPath: String, rulebook: Rulebook) -> RulebookTests? {
        let file = RuleCaseLoader.companion(ofRulebook: rulebookPath)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            return RulebookTests(file: file, errors: [Diagnostic(severity: .error, file: file, line: 1, column: 1, message: "cannot be read as UTF-8 text")], results: [])
        }
        let load = RuleCaseLoader.load(yaml: text, file: file)
        guard load.errors.isEmpty else { return RulebookTests(file: file, errors: load.errors, results: []) }
        return RulebookTests(file: file, errors: [], results: RuleCaseRunner(rulebook: rulebook).run(load.cases))
    }

    /// "rulebook.tests.yaml: 41 passed, 1 failed", or the count of errors that kept the cases from running.
    var verdict: String {
        if !errors.isEmpty { return "\(file): \(errors.count) error\(errors.count == 1 ? "" : "s"); no case was run" }
        return "\(file): \(results.count - failed.count) passed, \(failed.count) failed"
    }

    /// Each error, or each failed case with its place and what did not hold: what a person must fix.
    var problemLines: [String] {
        if !errors.isEmpty { return errors.map(\.description) }
        return failed.flatMap { r in ["\(file):\(r.rule.line):\(r.rule.column): \(r.rule.name)"] + r.failures.map { "    " + $0 } }
    }
}
