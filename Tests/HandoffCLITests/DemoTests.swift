import Foundation
import Testing

@Suite struct DemoTests {
    /// A table row, as opposed to the heading, trace and tally lines.
    static func isRow(_ line: String) -> Bool { line.wholeMatch(of: /L-\d{7}  .*/) != nil }

    @Test func sameSeedSameOutput() throws {
        let arguments = ["demo", "--headless", "--leads", "30", "--seed", "7"]
        let first = try HandoffBinary.run(arguments)
        let second = try HandoffBinary.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)

        let rows = first.stdoutLines.filter { Self.isRow($0) }
        #expect(rows.count == 30)
        #expect(rows.contains { $0.contains(" assigned") })
        #expect(rows.contains { $0.contains(" flagged ") })
        #expect(first.stdout.contains("Routed 30 leads:"))
        #expect(!first.stdout.contains("\u{1B}["), "no colour when standard output is not a terminal")
        #expect(first.stderr.contains("decisions/s"))
    }

    @Test func anotherSeedOtherLeads() throws {
        let one = try HandoffBinary.run(["demo", "--headless", "--leads", "10", "--seed", "1"])
        let two = try HandoffBinary.run(["demo", "--headless", "--leads", "10", "--seed", "2"])
        #expect(one.stdout != two.stdout)
    }

    @Test func explainPrintsEachTraceUnderItsRow() throws {
        let result = try HandoffBinary.run(["demo", "--headless", "--explain", "--leads", "5", "--seed", "7"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        let trace = lines.filter { $0.hasPrefix("    ") }
        #expect(trace.contains { $0.hasPrefix("    route: ") })
        #expect(trace.contains { $0.hasPrefix("    assigned to ") || $0.hasPrefix("    flagged ") })
        // Every row is followed by its own trace.
        for (i, line) in lines.enumerated() where Self.isRow(line) {
            #expect(lines[i + 1].hasPrefix("    "), "no trace under \(line)")
        }
    }

    @Test func nowMovesTheRunAndHandoffNowIsHonoured() throws {
        let weekend = try HandoffBinary.run(["demo", "--headless", "--leads", "10", "--now", "2026-11-28T03:00:00Z"])
        let fromEnvironment = try HandoffBinary.run(["demo", "--headless", "--leads", "10"], environment: ["HANDOFF_NOW": "2026-11-28T03:00:00Z"])
        #expect(weekend.status == 0, "\(weekend.stderr)")
        #expect(weekend.stdout == fromEnvironment.stdout)
        #expect(weekend.stdout.contains("at 2026-11-28T03:00:00Z"))
    }

    @Test func withoutHeadlessItSaysHowToRunIt() throws {
        let result = try HandoffBinary.run(["demo"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--headless"))
    }

    @Test func aBrokenRulebookStopsTheDemo() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try RulesCheckTests.broken.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)

        let result = try HandoffBinary.run(["demo", "--headless", "--rules", "broken.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml:6:18: error: "))

        let missing = try HandoffBinary.run(["demo", "--headless", "--rules", "missing.yaml"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read rulebook 'missing.yaml'"))
    }
}
