import Foundation
import Testing

/// `handoff owner pause` and `resume`, and `handoff fairness`, through the built binary.
@Suite struct OwnerPauseTests {
    @Test func aPausedOwnerIsPassedOverUntilResumedAndEveryChangeIsKept() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\nmo@initech.de,Initech,DE,5100\n"
            .write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let now = ["--now", "2026-11-24T14:30:00Z"]
        #expect(try HandoffBinary.run(["import", "l.csv"] + now, in: directory).status == 0)

        let paused = try HandoffBinary.run(["owner", "pause", "ana", "--reason", "customer workshop", "--operator", "olga"] + now, in: directory)
        #expect(paused.status == 0, "\(paused.stderr)")
        #expect(paused.stdout.contains("ana is paused (by olga: customer workshop)"))
        let again = try HandoffBinary.run(["owner", "pause", "ana"] + now, in: directory)
        #expect(again.status == 1 && again.stderr.contains("ana is already paused by olga: customer workshop"))
        #expect(try HandoffBinary.run(["owners"] + now, in: directory).stdout.contains("paused by olga: customer workshop"))

        // Routed by a later process: the pause is in the database, not the rulebook.
        #expect(try HandoffBinary.run(["route", "--limit", "1"] + now, in: directory).status == 0)
        let explained = try HandoffBinary.run(["explain", "L-0000001"], in: directory)
        #expect(explained.stdout.contains("ana 0/40 passed over: paused by olga: customer workshop"), "\(explained.stdout)")

        #expect(try HandoffBinary.run(["owner", "resume", "ana", "--operator", "olga"] + now, in: directory).status == 0)
        #expect(try HandoffBinary.run(["route"] + now, in: directory).status == 0)
        #expect(try HandoffBinary.run(["show", "L-0000002", "--json"], in: directory).stdout.contains("\"owner\" : \"ana\""))
        let notPaused = try HandoffBinary.run(["owner", "resume", "ana"] + now, in: directory)
        #expect(notPaused.status == 1 && notPaused.stderr.contains("ana is not paused"))
        #expect(try HandoffBinary.run(["owner", "pause", "zed"] + now, in: directory).status == 64)

        let fairness = try HandoffBinary.run(["fairness", "--pool", "emea-enterprise"] + now, in: directory)
        #expect(fairness.status == 0, "\(fairness.stderr)")
        #expect(fairness.stdout.hasPrefix("emea-enterprise  load_balanced  balances open load  2 leads  gini "), "\(fairness.stdout)")
        let json = try HandoffBinary.run(["fairness", "--json"] + now, in: directory)
        #expect(json.stdout.contains("\"catch_up\" : \"none\"") && json.stdout.contains("\"forgiven\" : 0"))
        #expect(try HandoffBinary.run(["fairness", "--pool", "emea"] + now, in: directory).status == 64)
    }
}
