import Foundation
import Testing

/// What the command line promises an operator: a retry never calls a lead a duplicate of a later one,
/// help lists every command, and the starter rulebook speaks only of itself.
@Suite struct OperatorTrustTests {
    static let now = ["--now", "2026-11-24T14:30:00Z"]

    /// Two leads with the same email, stored in that order (Record ID 201 first, flagged for its missing
    /// company, so an operator retries it).
    static let twins = "Record ID,First Name,Last Name,Email,Company Name,Country/Region,Number of Employees\r\n"
        + "201,Jo,Weber,jo@globex.de,,Germany,4200\r\n"
        + "202,Jo,Weber,jo@globex.de,Globex,Germany,4200\r\n"

    @Test("R on the first of two leads with one email does not call it a duplicate of the second")
    func retryIsNeverADuplicateOfALaterLead() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try Self.twins.write(to: directory.appendingPathComponent("twins.csv"), atomically: true, encoding: .utf8)
        let imported = try HandoffBinary.run(["import", "twins.csv", "--route"] + Self.now, in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let second = try show("L-0000002", in: directory)
        #expect(second["reason"] as? String == "duplicate_suspect", "the later lead is the duplicate: \(second)")

        // The first lead goes back to the router: the later lead with its email is no original of it.
        let retried = try HandoffBinary.run(["retry", "L-0000001", "--operator", "olga"] + Self.now, in: directory)
        #expect(retried.status == 0, "\(retried.stderr)")
        let routed = try HandoffBinary.run(["route"] + Self.now, in: directory)
        #expect(routed.status == 0, "\(routed.stderr)")
        let first = try show("L-0000001", in: directory)
        #expect(first["state"] as? String == "flagged" && first["reason"] as? String == "missing_field", "\(first)")
        let decision = try #require(first["decision"] as? [String: Any])
        #expect(decision["duplicate_of"] == nil || decision["duplicate_of"] is NSNull, "\(decision)")
        let exceptions = (decision["exceptions"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(!exceptions.contains("duplicate_suspect"), "\(exceptions)")
        let explained = try HandoffBinary.run(["explain", "L-0000001"], in: directory)
        #expect(!explained.stdout.contains("L-0000002"), "\(explained.stdout)")
    }

    @Test("handoff --help names every command, rules history and diff among them")
    func helpListsEveryCommand() throws {
        let help = try HandoffBinary.run(["--help"])
        #expect(help.status == 0)
        for command in ["console", "fairness", "notifications", "rules history", "rules diff", "rules check", "rules test", "shadow", "serve", "demo", "report"] {
            #expect(help.stdout.contains("  \(command) "), "\(command) is missing from --help:\n\(help.stdout)")
        }
    }

    @Test("the starter rulebook from init has no comment about work still to come")
    func starterRulebookSpeaksOfItself() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let text = try String(contentsOf: directory.appendingPathComponent("rulebook.yaml"), encoding: .utf8)
        #expect(!text.lowercased().contains("later issue"), "\(text)")
        #expect(!text.lowercased().contains("not yet"), "\(text)")
    }

    private func show(_ id: String, in directory: URL) throws -> [String: Any] {
        let result = try HandoffBinary.run(["show", id, "--json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }
}
