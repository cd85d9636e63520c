import Foundation
import Testing
@testable import HandoffCore

/// A valid rulebook in 8 lines with no warnings; tests append lines from line 9 on.
let baseRulebook = """
    version: 1
    name: Test
    owners:
      - {id: ana, hours: always}
      - {id: ben}
    pools:
      main: {method: round_robin, members: [ana, ben]}
    fallback: {flag: no_route}

    """

func load(_ yaml: String, lintWeek: Date? = nil) -> RulebookLoad {
    RulebookLoader.load(yaml: yaml, file: "r.yaml", lintWeekStarting: lintWeek)
}

/// The base rulebook plus one route whose `when:` is `when` (on line 11, the value starting at column 11).
func routeYAML(when: String) -> String {
    baseRulebook + """
        routes:
          - name: r
            when: \(when)
            pool: main

        """
}

/// Column of `part` inside a `when:` value written on line 11 by `routeYAML`.
func whenColumn(_ part: String, in when: String) -> Int {
    11 + when.distance(from: when.startIndex, to: when.range(of: part)!.lowerBound)
}

func condition(_ when: String, sourceLocation: SourceLocation = #_sourceLocation) -> Condition? {
    let result = load(routeYAML(when: when))
    #expect(result.errors.isEmpty, "\(result.errors)", sourceLocation: sourceLocation)
    return result.rulebook?.routes.first?.when
}

/// Expects exactly one diagnostic of `severity` at line/column whose message contains `text`.
func expectDiagnostic(
    _ result: RulebookLoad, _ severity: Diagnostic.Severity = .error, line: Int, column: Int, _ text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let matches = result.diagnostics.filter { $0.severity == severity && $0.message.contains(text) }
    #expect(matches.count == 1, "no single \(severity) containing \"\(text)\" in \(result.diagnostics)", sourceLocation: sourceLocation)
    if let d = matches.first {
        #expect(d.line == line && d.column == column, "\(d) is not at \(line):\(column)", sourceLocation: sourceLocation)
    }
}

func exampleText() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("examples/rulebook.yaml"), encoding: .utf8)
}

/// A local wall-clock time on `zone`, as an instant.
func instant(_ zone: String, _ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Date {
    ZoneClock(identifier: zone)!.instant(of: LocalTime(year: y, month: m, day: d, hour: h, minute: min))
}

/// Line and column (1-based) of the `occurrence`-th `needle` in `text`.
func spot(of needle: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int) {
    var rest = text[...]
    var found: Range<String.Index>?
    for _ in 0..<occurrence {
        found = rest.range(of: needle)
        rest = text[found!.upperBound...]
    }
    let before = text[..<found!.lowerBound]
    let line = before.count(where: { $0 == "\n" }) + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text.distance(from: lineStart, to: found!.lowerBound) + 1)
}

/// Where the value after `key: ` starts.
func valueSpot(of key: String, in text: String, occurrence: Int = 1) -> (line: Int, column: Int) {
    let s = spot(of: key + ": ", in: text, occurrence: occurrence)
    return (s.line, s.column + key.count + 2)
}

func expectDiagnostic(
    _ result: RulebookLoad, _ severity: Diagnostic.Severity = .error, at spot: (line: Int, column: Int), _ text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectDiagnostic(result, severity, line: spot.line, column: spot.column, text, sourceLocation: sourceLocation)
}
