import Foundation
import HandoffCore

/// What `rules check` says about a loaded rulebook: each diagnostic compiler-style, then one verdict line.
public enum RulebookCheckReport {
    /// `FILE:LINE:COL: error|warning: message`, in file order.
    public static func diagnosticLines(_ load: RulebookLoad) -> [String] {
        load.diagnostics.map(\.description)
    }

    /// `rulebook.yaml: ok, rulebook 'Acme inbound' version 3f9a1c2e7d10: 5 owners, 3 pools, 4 routes (2 warnings)`
    /// or `rulebook.yaml: invalid, 3 errors (1 warning)`.
    public static func verdict(file: String, _ load: RulebookLoad) -> String {
        let warnings = load.warnings.count
        let warningText = warnings == 0 ? "no warnings" : counted(warnings, "warning")
        guard let rulebook = load.rulebook, load.errors.isEmpty else {
            return "\(file): invalid, \(counted(load.errors.count, "error")) (\(warningText))"
        }
        return "\(file): ok, rulebook '\(rulebook.name)' version \(rulebook.version): "
            + "\(counted(rulebook.owners.count, "owner")), \(counted(rulebook.pools.count, "pool")), "
            + "\(counted(rulebook.routes.count, "route")) (\(warningText))"
    }

    /// One JSON document for scripts and editors; the verdict's facts as fields, diagnostics in file order.
    /// The tests beside the rulebook, as `rules check --json` reports them.
    public struct TestsSummary: Encodable, Sendable {
        var file: String
        var passed: Int
        var failed: Int
        var errors: [String]
        var problems: [String]

        public init(file: String, passed: Int, failed: Int, errors: [String], problems: [String]) {
            self.file = file
            self.passed = passed
            self.failed = failed
            self.errors = errors
            self.problems = problems
        }
    }

    public static func json(file: String, _ load: RulebookLoad, tests: TestsSummary? = nil) -> String {
        let report = JSONReport(
            file: file,
            ok: load.rulebook != nil && load.errors.isEmpty,
            errors: load.errors.count,
            warnings: load.warnings.count,
            rulebook: load.rulebook.map {
                .init(name: $0.name, version: $0.version, owners: $0.owners.count, pools: $0.pools.count, routes: $0.routes.count)
            },
            diagnostics: load.diagnostics.map {
                .init(severity: $0.severity.rawValue, file: $0.file, line: $0.line, column: $0.column, message: $0.message)
            },
            tests: tests
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return JSONText.escapingControls(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    struct JSONReport: Encodable {
        struct Summary: Encodable {
            var name: String
            var version: String
            var owners: Int
            var pools: Int
            var routes: Int
        }

        struct Item: Encodable {
            var severity: String
            var file: String
            var line: Int
            var column: Int
            var message: String
        }

        var file: String
        var ok: Bool
        var errors: Int
        var warnings: Int
        var rulebook: Summary?
        var diagnostics: [Item]
        /// The tests beside the rulebook, when there are any.
        var tests: TestsSummary?
    }
}
