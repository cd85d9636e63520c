import Foundation
import Testing

/// `handoff route` runs the SLA timer as of --now: a lead its owner did not accept in time is rerouted
/// (the example rulebook says `on_breach: reroute`), once.
@Suite struct SLATimerTests {
    @Test func routeReroutesALeadNotAcceptedInTimeAndNeverTwice() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "l.csv", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        let first = try HandoffBinary.run(["route", "--now", "2026-11-24T14:30:00Z"], in: directory)
        #expect(first.status == 0 && !first.stdout.contains("SLA:"), "\(first.stdout)")

        // 40 minutes later, inside every EMEA owner's hours: the 30-minute SLA has run out.
        let later = try HandoffBinary.run(["route", "--now", "2026-11-24T15:10:00Z"], in: directory)
        #expect(later.status == 0)
        #expect(later.stdout.contains("SLA: 1 rerouted (of 1 assigned lead looked at)"), "\(later.stdout)")
        let log = try HandoffBinary.run(["log", "L-0000001"], in: directory)
        #expect(log.stdout.contains("rerouted") && log.stdout.contains("sla") && log.stdout.contains("did not accept within 30m"), "\(log.stdout)")

        let again = try HandoffBinary.run(["route", "--now", "2026-11-24T15:11:00Z"], in: directory)
        #expect(!again.stdout.contains("SLA:"), "\(again.stdout)")
        #expect(try HandoffBinary.run(["doctor"], in: directory).status == 0)
    }
}

/// `handoff rules history` lists recorded versions; `rules diff` names what changed.
@Suite struct RulesHistoryTests {
    @Test func historyAndDiff() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "l.csv", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        #expect(try HandoffBinary.run(["route", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        let history = try HandoffBinary.run(["rules", "history"], in: directory)
        #expect(history.status == 0 && history.stdout.contains("Acme inbound") && history.stdout.contains("2026-11-24T14:30:00Z"), "\(history.stdout)")
        let version = String(history.stdout.split(separator: "\n")[1].prefix(6))

        let same = try HandoffBinary.run(["rules", "diff", version], in: directory)
        #expect(same.status == 0 && same.stdout.contains("No differences"), "\(same.stdout)\(same.stderr)")

        let file = directory.appendingPathComponent("rulebook.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "capacity: 60}", with: "capacity: 80}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let changed = try HandoffBinary.run(["rules", "diff", version], in: directory)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("owner dan: capacity 60 -> 80") && changed.stdout.contains("owner eve: capacity 60 -> 80"), "\(changed.stdout)")

        let unknown = try HandoffBinary.run(["rules", "diff", "zzz"], in: directory)
        #expect(unknown.status == 2 && unknown.stderr.contains("no recorded rulebook zzz"))
    }
}
