import Foundation
import Testing

@Suite struct RulesCheckTests {
    /// Three errors at known spots: a misspelt method, a route without its pool, and the misspelt key.
    static let broken = """
        version: 1
        name: Broken
        owners:
          - {id: ana}
        pools:
          main: {method: round_robbin, members: [ana]}
        routes:
          - name: r
            pol: main
        fallback: {flag: no_route}

        """

    @Test func theExampleIsValid() throws {
        let result = try HandoffBinary.run(["rules", "check", "examples/rulebook.yaml", "--now", "2026-11-24T14:30:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let verdict = try #require(result.stdoutLines.last)
        #expect(verdict.hasPrefix("examples/rulebook.yaml: ok, rulebook 'Acme inbound' version "))
        #expect(verdict.contains(": 5 owners, 3 pools, 4 routes ("))
        for line in result.stdoutLines.dropLast() {
            #expect(line.wholeMatch(of: /examples\/rulebook\.yaml:\d+:\d+: warning: .+/) != nil, "\(line)")
        }
    }

    @Test func everyErrorIsPrintedWithItsPositionAndTheExitCodeIsOne() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.broken.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)

        let result = try HandoffBinary.run(["rules", "check", "broken.yaml"], in: directory)
        #expect(result.status == 1)
        let lines = result.stdoutLines
        #expect(lines.count == 4, "\(lines)")
        for (line, spot) in zip(lines, ["broken.yaml:6:18: error: ", "broken.yaml:8:5: error: ", "broken.yaml:9:5: error: "]) {
            #expect(line.hasPrefix(spot), "\(line) does not start with \(spot)")
        }
        #expect(lines.last == "broken.yaml: invalid, 3 errors (no warnings)")
    }

    @Test func aMissingFileExitsTwoAndSaysWhatToDo() throws {
        let result = try HandoffBinary.run(["rules", "check", "nowhere.yaml"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot read rulebook 'nowhere.yaml': no such file"))
        #expect(result.stderr.contains("--rules PATH"))
        #expect(result.stderr.contains("HANDOFF_RULES"))
    }

    @Test func theDefaultIsRulebookYAMLInTheCurrentDirectory() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let missing = try HandoffBinary.run(["rules", "check"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read rulebook 'rulebook.yaml' (the default"))

        try Data(contentsOf: HandoffBinary.packageRoot.appendingPathComponent("examples/rulebook.yaml"))
            .write(to: directory.appendingPathComponent("rulebook.yaml"))
        let found = try HandoffBinary.run(["rules", "check"], in: directory)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdoutLines.last?.hasPrefix("rulebook.yaml: ok, ") == true)
    }

    @Test func environmentAndOptionNameTheFileToo() throws {
        let fromEnvironment = try HandoffBinary.run(["rules", "check"], environment: ["HANDOFF_RULES": "examples/rulebook.yaml"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdoutLines.last?.hasPrefix("examples/rulebook.yaml: ok, ") == true)

        let fromOption = try HandoffBinary.run(["rules", "check", "--rules", "examples/rulebook.yaml"], environment: ["HANDOFF_RULES": "elsewhere.yaml"])
        #expect(fromOption.status == 0, "\(fromOption.stderr)")
    }

    @Test func jsonCarriesEachDiagnosticsFields() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.broken.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)

        let result = try HandoffBinary.run(["rules", "check", "--json", "broken.yaml"], in: directory)
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == false)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 3)
        let first = try #require(diagnostics.first)
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "broken.yaml")
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 18)
        #expect((first["message"] as? String)?.contains("round_robbin") == true)
    }

    @Test func aTimeThatIsNotISO8601IsAUsageError() throws {
        let result = try HandoffBinary.run(["rules", "check", "examples/rulebook.yaml", "--now", "tuesday"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--now 'tuesday' is not an ISO 8601 time"))
    }
}
