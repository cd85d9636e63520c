import Foundation
import Testing

@Suite struct InitTests {
    @Test func initWritesTheRulebookAndTheDatabase() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let result = try HandoffBinary.run(["init", "team"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let team = directory.appendingPathComponent("team")
        let rulebook = team.appendingPathComponent("rulebook.yaml")
        #expect(FileManager.default.fileExists(atPath: rulebook.path))
        #expect(FileManager.default.fileExists(atPath: team.appendingPathComponent("handoff.db").path))
        for step in ["cd team", "handoff rules check", "handoff import leads.csv", "handoff route", "handoff leads"] {
            #expect(result.stdout.contains(step), "next steps lack \(step)")
        }

        // The rulebook it wrote is valid, and an empty database is not an error.
        let check = try HandoffBinary.run(["rules", "check", "--now", Workspace.now], in: team)
        #expect(check.status == 0, "\(check.stdout)")
        let leads = try HandoffBinary.run(["leads"], in: team)
        #expect(leads.status == 0, "\(leads.stderr)")

        // A second run leaves an edited rulebook alone.
        try "# mine\n".write(to: rulebook, atomically: true, encoding: .utf8)
        let again = try HandoffBinary.run(["init", "team"], in: directory)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already exists"))
        #expect(try String(contentsOf: rulebook, encoding: .utf8) == "# mine\n")
    }

    @Test func aMissingDatabaseSaysHowToMakeOne() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        for arguments in [["leads"], ["show", "L-0000001"], ["log"], ["doctor"], ["route", "--now", Workspace.now]] {
            let result = try HandoffBinary.run(arguments, in: directory)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("no database at ./handoff.db; run `handoff init` then `handoff import FILE`, or pass --db PATH"), "\(result.stderr)")
        }
        // Nothing was created on the way.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("handoff.db").path))

        let named = try HandoffBinary.run(["leads"], environment: ["HANDOFF_DB": "team.db"], in: directory)
        #expect(named.status == 2)
        #expect(named.stderr.contains("no database at team.db (named by HANDOFF_DB)"))
    }
}
