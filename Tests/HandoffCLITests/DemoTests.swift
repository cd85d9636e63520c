import Foundation
import Testing

@Suite struct DemoTests {
    /// A table row, as opposed to the heading, trace and tally lines.
    static func isRow(_ line: String) -> Bool { line.wholeMatch(of: /L-\d{7}  .*/) != nil }

    /// `handoff demo ARGUMENTS` in a fresh folder, so its database is its own.
    static func demo(_ arguments: [String], environment: [String: String] = [:]) throws -> HandoffBinary.Result {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try HandoffBinary.run(["demo"] + arguments, environment: environment, in: directory)
    }

    @Test func sameSeedSameOutput() throws {
        let arguments = ["--headless", "--leads", "30", "--seed", "7"]
        let first = try Self.demo(arguments)
        let second = try Self.demo(arguments)
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

    /// The figure the README quotes: the live demo's first hour, measured (not printed from a constant).
    @Test func headlessPrintsTheFirstHoursShareAndExceptionMix() throws {
        let result = try Self.demo(["--headless", "--leads", "5", "--seed", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        let heading = try #require(lines.firstIndex { $0.hasPrefix("First simulated hour of the live demo (") })
        func share(_ label: String) -> Double? {
            lines[heading...].first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label + " ") }
                .flatMap { $0.split(separator: " ").last }.flatMap { Double($0.dropLast()) }
        }
        let unattended = try #require(share("assigned with no person"))
        let exceptions = try #require(share("exceptions"))
        #expect(unattended >= 85 && abs(unattended + exceptions - 100) < 0.2, "\(lines[heading...])")
        for reason in ["duplicate_suspect", "review_required", "free_email", "missing_field", "no_route", "sla_breached"] {
            #expect((share(reason) ?? 0) > 0, "\(reason) missing")
        }
        let skipped = try Self.demo(["--headless", "--leads", "5", "--seed", "1", "--minutes", "0"])
        #expect(!skipped.stdout.contains("First simulated"))
        #expect(skipped.stdout == lines[..<(heading - 1)].joined(separator: "\n") + "\n")
    }

    @Test func anotherSeedOtherLeads() throws {
        let one = try Self.demo(["--headless", "--leads", "10", "--seed", "1"])
        let two = try Self.demo(["--headless", "--leads", "10", "--seed", "2"])
        #expect(one.stdout != two.stdout)
    }

    @Test func explainPrintsEachTraceUnderItsRow() throws {
        let result = try Self.demo(["--headless", "--explain", "--leads", "5", "--seed", "7"])
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
        let weekend = try Self.demo(["--headless", "--leads", "10", "--now", "2026-11-28T03:00:00Z"])
        let fromEnvironment = try Self.demo(["--headless", "--leads", "10"], environment: ["HANDOFF_NOW": "2026-11-28T03:00:00Z"])
        #expect(weekend.status == 0, "\(weekend.stderr)")
        #expect(weekend.stdout == fromEnvironment.stdout)
        #expect(weekend.stdout.contains("at 2026-11-28T03:00:00Z"))
    }

    @Test func withoutATerminalTheLiveDemoPointsAtTheListCommands() throws {
        let result = try Self.demo([])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(result.stderr.contains("handoff leads"))
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

    @Test func theDemoDatabaseIsReusedNotFilledTwice() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["demo", "--headless", "--leads", "20", "--seed", "5", "--now", "2026-11-24T14:30:00Z"]

        let first = try HandoffBinary.run(arguments, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("handoff-demo.db").path))
        #expect(first.stderr.contains("handoff-demo.db: 20 leads added"))

        let again = try HandoffBinary.run(arguments, in: directory)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == first.stdout)
        #expect(again.stderr.contains("0 added, 20 already there"))
        let doctor = try HandoffBinary.run(["doctor", "--db", "handoff-demo.db"], in: directory)
        #expect(doctor.stdout.hasPrefix("Checked 20 leads "), "\(doctor.stdout)")

        let other = try HandoffBinary.run(["demo", "--headless", "--leads", "20", "--seed", "6"], in: directory)
        #expect(other.status == 2)
        #expect(other.stderr.contains("handoff-demo.db holds the leads of another demo run"))
    }
}
