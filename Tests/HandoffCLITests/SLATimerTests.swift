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
