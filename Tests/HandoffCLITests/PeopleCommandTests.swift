import Foundation
import Testing

/// Roles granted in the database with `handoff people`, through the built binary: held to at once by
/// every command, and a lead's to change.
@Suite struct PeopleCommandTests {
    /// A routed workspace whose rulebook names maria (lead) and olga (operator), anyone else a viewer.
    func workspace() throws -> URL {
        let directory = try HandoffBinary.temporaryDirectory()
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let rules = directory.appendingPathComponent("rulebook.yaml")
        let text = try String(contentsOf: rules, encoding: .utf8)
        try (text + "\npeople:\n  maria: lead\n  olga: operator\n").write(to: rules, atomically: true, encoding: .utf8)
        try "email,company,country,employees\njo@globex.de,,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "l.csv", "--route", "--operator", "olga"] + now, in: directory).status == 0)
        return directory
    }

    let now = ["--now", "2026-11-24T14:30:00Z"]

    @Test func aViewerGrantedInTheDatabaseIsRefusedUntilALeadGrantsMore() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }

        // olga, an operator by the rulebook, made a viewer in the database by maria.
        let demoted = try HandoffBinary.run(["people", "grant", "olga", "viewer", "--operator", "maria"] + now, in: directory)
        #expect(demoted.status == 0, "\(demoted.stderr)")
        #expect(demoted.stdout.contains("olga is a viewer now (granted by maria; was operator, from the rulebook's people:)"), "\(demoted.stdout)")
        let refused = try HandoffBinary.run(["annotate", "L-0000001", "called", "--operator", "olga"] + now, in: directory)
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        let said = refused.stdout + refused.stderr
        #expect(said.contains("olga is a viewer and cannot annotate leads: that needs the operator role (olga's role: granted in the database)"), "\(said)")
        #expect(said.contains("handoff people grant olga operator"), "\(said)")
        #expect(try HandoffBinary.run(["show", "L-0000001", "--json"], in: directory).stdout.contains("called") == false, "nothing written")

        // The list says who has what, and from where.
        let listed = try HandoffBinary.run(["people", "--json"] + now, in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let people = try #require(json["people"] as? [[String: Any]])
        #expect(people.map { $0["person"] as? String } == ["maria", "olga"])
        #expect(people[1]["role"] as? String == "viewer" && people[1]["source"] as? String == "granted" && people[1]["granted_by"] as? String == "maria")
        #expect(people[1]["rulebook_role"] as? String == "operator")
        #expect(json["everyone"] as? String == "viewer")
        let table = try HandoffBinary.run(["people"] + now, in: directory)
        #expect(table.stdout.contains("Anyone else: viewer (the rulebook's everyone:)."), "\(table.stdout)")

        // A lead grants operator: the very next annotate goes through.
        #expect(try HandoffBinary.run(["people", "grant", "olga", "operator", "--operator", "maria"] + now, in: directory).status == 0)
        let annotated = try HandoffBinary.run(["annotate", "L-0000001", "called", "--operator", "olga"] + now, in: directory)
        #expect(annotated.status == 0, "\(annotated.stdout)\(annotated.stderr)")

        // Withdrawn, and the history keeps every change.
        let withdrawn = try HandoffBinary.run(["people", "withdraw", "olga", "--operator", "maria"] + now, in: directory)
        #expect(withdrawn.status == 0 && withdrawn.stdout.contains("an operator again, from the rulebook's people:"), "\(withdrawn.stdout)\(withdrawn.stderr)")
        let again = try HandoffBinary.run(["people", "withdraw", "olga", "--operator", "maria"] + now, in: directory)
        #expect(again.status == 1 && again.stderr.contains("olga has no role granted in the database to withdraw"), "\(again.stderr)")
        let history = try HandoffBinary.run(["people", "history", "olga", "--json"], in: directory)
        let changes = try #require((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(changes.map { $0["role"] as? String } == ["viewer", "operator", nil])
    }

    @Test func onlyALeadGrantsAndTheLastLeadStays() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }

        let byOperator = try HandoffBinary.run(["people", "grant", "olga", "lead", "--operator", "olga"] + now, in: directory)
        #expect(byOperator.status == 3, "\(byOperator.stderr)")
        #expect(byOperator.stderr.contains("olga is an operator and cannot grant or withdraw roles: that needs the lead role"), "\(byOperator.stderr)")
        #expect(byOperator.stderr.contains("handoff people grant olga lead"))
        let byStranger = try HandoffBinary.run(["people", "grant", "eve", "operator", "--operator", "eve"] + now, in: directory)
        #expect(byStranger.status == 3 && byStranger.stderr.contains("eve is a viewer and cannot grant or withdraw roles"), "\(byStranger.stderr)")

        let lastLead = try HandoffBinary.run(["people", "grant", "maria", "operator", "--operator", "maria"] + now, in: directory)
        #expect(lastLead.status == 3 && lastLead.stderr.contains("that would leave no one a lead"), "\(lastLead.stderr)")
        #expect(try HandoffBinary.run(["people", "grant", "maria", "boss", "--operator", "maria"] + now, in: directory).status == 64)
        #expect(try HandoffBinary.run(["people", "grant", "router", "lead", "--operator", "maria"] + now, in: directory).status == 64)
        let history = try HandoffBinary.run(["people", "history"], in: directory)
        #expect(history.status == 0 && history.stdout.contains("No role has been granted in the database."), "\(history.stdout)")

        // A lead by grant may pause owners, which the rulebook's operator may not.
        #expect(try HandoffBinary.run(["owner", "pause", "ana", "--operator", "olga"] + now, in: directory).status == 3)
        #expect(try HandoffBinary.run(["people", "grant", "olga", "lead", "--operator", "maria"] + now, in: directory).status == 0)
        let paused = try HandoffBinary.run(["owner", "pause", "ana", "--operator", "olga"] + now, in: directory)
        #expect(paused.status == 0, "\(paused.stderr)")
    }

    @Test func withoutPeopleEveryoneIsALeadAndAGrantStillHoldsItsPerson() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let nobody = try HandoffBinary.run(["people"] + now, in: directory)
        #expect(nobody.stdout == "No one is named in the rulebook's people: or granted a role in the database.\n"
                + "Anyone else: lead (the rulebook has no people:).\n", "\(nobody.stdout)\(nobody.stderr)")
        #expect(try HandoffBinary.run(["people", "grant", "wall", "viewer", "--operator", "maria"] + now, in: directory).status == 0)
        let paused = try HandoffBinary.run(["owner", "pause", "ana", "--operator", "wall"] + now, in: directory)
        #expect(paused.status == 3 && paused.stderr.contains("wall is a viewer and cannot pause or resume owners"), "\(paused.stderr)")
        #expect(try HandoffBinary.run(["owner", "pause", "ana", "--operator", "maria"] + now, in: directory).status == 0)
    }
}
