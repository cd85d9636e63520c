import Foundation
import Testing

/// Roles from the rulebook's `people:`, through the built binary: the command line is held to them as
/// the console is, because the desk enforces them.
@Suite struct RoleCommandTests {
    @Test func eachPersonMayDoWhatTheirRoleAllowsAndIsToldWhatTheRestNeeds() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let rules = directory.appendingPathComponent("rulebook.yaml")
        let text = try String(contentsOf: rules, encoding: .utf8)
        try (text + "\npeople:\n  maria: lead\n  olga: operator\n  wall: viewer\n").write(to: rules, atomically: true, encoding: .utf8)
        try "email,company,country,employees\njo@globex.de,,DE,4200\nmo@initech.de,Initech,DE,5100\n"
            .write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let now = ["--now", "2026-11-24T14:30:00Z"]

        let viewerImport = try HandoffBinary.run(["import", "l.csv", "--operator", "wall"] + now, in: directory)
        #expect(viewerImport.status == 3, "\(viewerImport.stderr)")
        #expect(viewerImport.stderr.contains("wall is a viewer and cannot import leads: that needs the operator role"))
        #expect(try HandoffBinary.run(["import", "l.csv", "--route", "--operator", "olga"] + now, in: directory).status == 0)

        let viewerPause = try HandoffBinary.run(["owner", "pause", "ana", "--operator", "wall"] + now, in: directory)
        #expect(viewerPause.status == 3 && viewerPause.stderr.contains("wall is a viewer and cannot pause or resume owners: that needs the lead role"))
        let operatorPause = try HandoffBinary.run(["owner", "pause", "ana", "--operator", "olga"] + now, in: directory)
        #expect(operatorPause.status == 3 && operatorPause.stderr.contains("olga is an operator and cannot pause or resume owners"))
        let operatorOOO = try HandoffBinary.run(["owner", "set-ooo", "ana", "--from", "2026-12-20", "--until", "2026-12-24", "--operator", "olga"] + now, in: directory)
        #expect(operatorOOO.status == 3, "\(operatorOOO.stderr)")
        #expect(try HandoffBinary.run(["owner", "pause", "ana", "--operator", "maria"] + now, in: directory).status == 0)

        // Someone the rulebook does not name only looks.
        let strangerApprove = try HandoffBinary.run(["approve", "L-0000001", "--operator", "stranger"] + now, in: directory)
        #expect(strangerApprove.status == 3 && (strangerApprove.stdout + strangerApprove.stderr).contains("stranger is a viewer and cannot approve leads"),
                "\(strangerApprove.stdout)\(strangerApprove.stderr)")
        let approved = try HandoffBinary.run(["approve", "L-0000001", "--operator", "olga"] + now, in: directory)
        #expect(approved.status == 0, "\(approved.stdout)\(approved.stderr)")
        #expect(try HandoffBinary.run(["leads"], in: directory).status == 0, "looking needs no role")

        // The log's own actors are not names a person can take.
        #expect(try HandoffBinary.run(["approve", "L-0000001", "--operator", "router"] + now, in: directory).status == 64)
    }
}
