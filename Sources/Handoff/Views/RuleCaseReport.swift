import Foundation
import HandoffCore
import HandoffText

/// `handoff rules test`'s output: a line per case like a test runner, each failure with its place,
/// what was expected, what happened and the decision's trace; as JSON; and as JUnit XML for CI systems.
enum RuleCaseReport {
    static func text(_ results: [RuleCaseResult], file: String, style: TextStyle) -> [String] {
        var out: [String] = []
        for r in results {
            if r.passed {
                out.append(style.paint("✔", .green) + " " + TerminalText.safe(r.rule.name))
                continue
            }
            out.append(style.paint("✘", .red) + " " + TerminalText.safe(r.rule.name) + style.paint("  \(TerminalText.safe(file)):\(r.rule.line):\(r.rule.column)", .dim))
            for failure in r.failures { out.append("    " + TerminalText.safe(failure)) }
            if let decision = r.decision {
                out.append(style.paint("    decision:", .dim))
                for line in DecisionText.lines(decision) { out.append("      " + TerminalText.safe(line)) }
            }
        }
        out.append(verdict(results, style: style))
        return out
    }

    static func verdict(_ results: [RuleCaseResult], style: TextStyle) -> String {
        let failed = results.filter { !$0.passed }.count
        let line = "\(results.count - failed) passed, \(failed) failed"
        return failed == 0 ? style.paint(line, .green) : style.paint(line, .red)
    }

    struct JSON: Encodable {
        var file: String
        var rulebook: String
        var passed: Int
        var failed: Int
        var cases: [Case]

        struct Case: Encodable {
            var name: String
            var line: Int
            var column: Int
            var passed: Bool
            var failures: [String]
            var route: String?
            var pool: String?
            var owner: String?
            var exception: String?
            var trace: [String]
        }
    }

    static func json(_ results: [RuleCaseResult], file: String, rulebookVersion: String) -> String {
        let cases = results.map { r in
            JSON.Case(
                name: r.rule.name, line: r.rule.line, column: r.rule.column, passed: r.passed, failures: r.failures,
                route: r.decision?.route, pool: r.decision?.pool, owner: r.decision?.owner, exception: r.decision?.reason?.code,
                trace: r.decision.map(DecisionText.lines) ?? []
            )
        }
        let failed = results.filter { !$0.passed }.count
        return JSONOutput.document(JSON(file: file, rulebook: rulebookVersion, passed: results.count - failed, failed: failed, cases: cases))
    }

    /// JUnit XML as Jenkins, GitLab and GitHub's test reporters read it: one suite, a test case per case.
    static func junit(_ results: [RuleCaseResult], file: String, seconds: Double) -> String {
        let failed = results.filter { !$0.passed }.count
        var out = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites tests="\#(results.count)" failures="\#(failed)" time="\#(String(format: "%.3f", seconds))">"#,
            #"  <testsuite name="\#(xml(file))" tests="\#(results.count)" failures="\#(failed)" errors="0" skipped="0">"#,
        ]
        for r in results {
            let open = #"    <testcase name="\#(xml(r.rule.name))" classname="\#(xml(file))" file="\#(xml(file))" line="\#(r.rule.line)""#
            if r.passed {
                out.append(open + "/>")
                continue
            }
            out.append(open + ">")
            let body = r.failures + (r.decision.map { ["decision:"] + DecisionText.lines($0).map { "  " + $0 } } ?? [])
            out.append(#"      <failure message="\#(xml(r.failures.joined(separator: "; ")))">\#(xml(body.joined(separator: "\n")))</failure>"#)
            out.append("    </testcase>")
        }
        out.append("  </testsuite>")
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Text for an XML attribute or element: markup escaped, and characters XML 1.0 cannot hold shown as
    /// `\u{..}` instead of making the file unreadable.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
