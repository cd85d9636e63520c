import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `handoff rules test` as a team uses it: hand-written cases beside the rulebook, a run like a test
/// runner's, JSON and JUnit for CI, recorded cases that pin stored decisions, and `rules check` running
/// the tests too.
@Suite struct RulesTestTests {
    static let rulebook = """
        version: 1
        name: Small team
        timezone: Europe/Berlin
        owners:
          - {id: ana, hours: "Mon-Fri 09:00-18:00", capacity: 10}
          - {id: ben, hours: "Mon-Fri 09:00-18:00", capacity: 10}
        pools:
          dach: {method: round_robin, members: [ana, ben]}
        readiness: {require: [email]}
        routes:
          - name: dach
            when: {country: [DE, AT, CH]}
            pool: dach
        fallback: {flag: no_route}

        """

    static let tests = """
        at: 2026-11-24 10:00 Europe/Berlin
        cases:
          - name: German lead to the DACH team
            lead: {email: jo@acme.de, country: DE}
            expect: {route: dach, owner: ana}
          - name: ben's turn
            lead: {email: jo@acme.at, country: AT}
            given: {pools: {dach: {turn: ben}}}
            expect: {owner: ben}
          - name: French lead has a route
            lead: {email: jo@acme.fr, country: FR}
            expect: {route: dach}

        """

    func workspace() throws -> URL {
        let directory = try HandoffBinary.temporaryDirectory()
        try Self.rulebook.write(to: directory.appendingPathComponent("rulebook.yaml"), atomically: true, encoding: .utf8)
        try Self.tests.write(to: directory.appendingPathComponent("rulebook.tests.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func aRunPrintsALinePerCaseAndEachFailureWithItsPlaceAndTrace() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try HandoffBinary.run(["rules", "test"], in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.first == "✔ German lead to the DACH team")
        #expect(lines.contains("✔ ben's turn"))
        #expect(lines.contains("✘ French lead has a route  rulebook.tests.yaml:10:5"))
        #expect(lines.contains("    expected route dach, got none"))
        #expect(lines.contains { $0.contains("dach: country is FR, wanted in [DE, AT, CH]") }, "\(lines)")
        #expect(lines.last == "2 passed, 1 failed")

        // Fixed, every case passes and the exit code says so.
        let fixed = Self.tests.replacingOccurrences(of: "expect: {route: dach}\n", with: "expect: {route: none, exception: no_route}\n")
        try fixed.write(to: directory.appendingPathComponent("rulebook.tests.yaml"), atomically: true, encoding: .utf8)
        let passing = try HandoffBinary.run(["rules", "test"], in: directory)
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(passing.stdoutLines.last == "3 passed, 0 failed")
    }

    @Test func jsonAndJUnitReportTheSameRun() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try HandoffBinary.run(["rules", "test", "--json", "--junit", "report.xml"], in: directory)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Int == 2 && json["failed"] as? Int == 1)
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.map { $0["passed"] as? Bool } == [true, true, false])
        #expect(cases[2]["exception"] as? String == "no_route")
        #expect((cases[2]["trace"] as? [String])?.isEmpty == false)

        let xml = try String(contentsOf: directory.appendingPathComponent("report.xml"), encoding: .utf8)
        let parsed = try XMLDocument(xmlString: xml)
        let suites = try #require(parsed.rootElement())
        #expect(suites.attribute(forName: "tests")?.stringValue == "3")
        #expect(suites.attribute(forName: "failures")?.stringValue == "1")
        let failures = try parsed.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 1)
        #expect((failures.first as? XMLElement)?.attribute(forName: "message")?.stringValue == "expected route dach, got none")
    }

    @Test func aMalformedTestFileIsRefusedWithEveryPosition() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "cases:\n  - name: x\n    lead: {emial: a@b.de}\n    expect: {ownr: ana}\n".write(
            to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try HandoffBinary.run(["rules", "test", "bad.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.contains("bad.yaml:3:12: error: unknown lead field 'emial' in case 'x' lead; did you mean 'email'?"))
        #expect(result.stderrLines.contains { $0.hasPrefix("bad.yaml:4:14: error: unknown key 'ownr'") })
        #expect(result.stderrLines.last == "bad.yaml: 3 errors; no case was run.", "\(result.stderr)")

        let missing = try HandoffBinary.run(["rules", "test", "nowhere.yaml"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read tests 'nowhere.yaml': no such file"), "\(missing.stderr)")
    }

    @Test func recordedDecisionsPassAgainstTheirRulebookAndPinWhatADraftChanges() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let demo = try HandoffBinary.run(
            ["demo", "--headless", "--leads", "120", "--seed", "3", "--now", Workspace.now, "--db", "demo.db", "--rules", "rulebook.yaml", "--minutes", "0"], in: directory)
        #expect(demo.status == 0, "\(demo.stderr)")

        let record = try HandoffBinary.run(["rules", "test", "pinned.yaml", "--record", "80", "--db", "demo.db", "--now", Workspace.later], in: directory)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdoutLines == ["Wrote 80 cases to pinned.yaml. Run `handoff rules test pinned.yaml` to check them."])
        let again = try HandoffBinary.run(["rules", "test", "pinned.yaml", "--record", "80", "--db", "demo.db", "--now", Workspace.later], in: directory)
        #expect(again.status == 2)
        #expect(again.stderr.contains("pinned.yaml exists"))

        let run = try HandoffBinary.run(["rules", "test", "pinned.yaml"], in: directory)
        #expect(run.status == 0, "\(run.stdout.suffix(2_000))")
        #expect(run.stdoutLines.last == "80 passed, 0 failed")

        // A draft with one owner fewer fails exactly the pinned cases that owner got or would get.
        let rulebook = try String(contentsOf: directory.appendingPathComponent("rulebook.yaml"), encoding: .utf8)
        let draft = rulebook.replacingOccurrences(of: "capacity: 60}", with: "capacity: 60, active: false}")
        #expect(draft != rulebook)
        try draft.write(to: directory.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
        let changed = try HandoffBinary.run(["rules", "test", "pinned.yaml", "--rules", "draft.yaml", "--json"], in: directory)
        #expect(changed.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        #expect((json["failed"] as? Int ?? 0) > 0)
        #expect((json["passed"] as? Int ?? 0) > 0)
    }

    @Test func rulesCheckRunsTheTestsBesideTheRulebook() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try HandoffBinary.run(["rules", "check", "--now", Workspace.now], in: directory)
        #expect(result.status == 1)
        #expect(result.stdoutLines.contains("rulebook.tests.yaml:10:5: French lead has a route"), "\(result.stdout)")
        #expect(result.stdoutLines.last == "rulebook.tests.yaml: 2 passed, 1 failed")
        let json = try HandoffBinary.run(["rules", "check", "--json", "--now", Workspace.now], in: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let tests = try #require(report["tests"] as? [String: Any])
        #expect(tests["failed"] as? Int == 1)

        try FileManager.default.removeItem(at: directory.appendingPathComponent("rulebook.tests.yaml"))
        #expect(try HandoffBinary.run(["rules", "check", "--now", Workspace.now], in: directory).status == 0)
    }
}
