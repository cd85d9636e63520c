import Foundation
import Testing

/// `handoff owner set-ooo` takes effect for routing, `owners` and `explain` without touching the rulebook.
@Suite struct OwnerAbsenceTests {
    @Test func anOwnerSetOutOfOfficeIsPassedOverAndShown() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let now = ["--now", "2026-11-24T14:30:00Z"]
        #expect(try HandoffBinary.run(["import", "l.csv"] + now, in: directory).status == 0)
        let set = try HandoffBinary.run(["owner", "set-ooo", "ana", "--from", "2026-11-20", "--until", "2026-11-30", "--operator", "olga"] + now, in: directory)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "ana is out of office from 2026-11-20 through 2026-11-30 (set by olga).\n")
        let owners = try HandoffBinary.run(["owners"] + now, in: directory)
        #expect(owners.stdout.contains("out of office until 2026-11-30"))
        #expect(try HandoffBinary.run(["route"] + now, in: directory).status == 0)
        let explained = try HandoffBinary.run(["explain", "L-0000001"], in: directory)
        #expect(explained.stdout.contains("ana 0/40 passed over: out of office until 2026-11-30"))
        #expect(explained.stdout.contains("ben 0/30 chosen"))

        let unknown = try HandoffBinary.run(["owner", "set-ooo", "zed", "--from", "2026-11-20", "--until", "2026-11-30"], in: directory)
        #expect(unknown.status == 64 && unknown.stderr.contains("no owner 'zed'"))
        let backwards = try HandoffBinary.run(["owner", "set-ooo", "ana", "--from", "2026-11-30", "--until", "2026-11-20"], in: directory)
        #expect(backwards.status == 64 && backwards.stderr.contains("is before --from"))
        let badDay = try HandoffBinary.run(["owner", "set-ooo", "ana", "--from", "2026-02-30", "--until", "2026-03-01"], in: directory)
        #expect(badDay.status == 64 && badDay.stderr.contains("is not a date"))
    }
}
