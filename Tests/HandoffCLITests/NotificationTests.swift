import Foundation
import Testing

/// `notify: true` puts notices in the outbox with the SLA timer's events; `handoff notifications` lists
/// and delivers them.
@Suite struct NotificationTests {
    @Test func remindersAndReroutesAreDeliveredOnceThroughACommand() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        let rules = directory.appendingPathComponent("rulebook.yaml")
        let text = try String(contentsOf: rules, encoding: .utf8)
        try text.replacingOccurrences(of: "sla: {accept_within: 30m, on_breach: reroute}", with: "sla: {accept_within: 30m, on_breach: reroute, remind_before: 10m, notify: true}")
            .replacingOccurrences(of: "{id: ana,   name: Ana Souza,", with: "{id: ana,   name: Ana Souza,    email: ana@acme.example,")
            .write(to: rules, atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["rules", "check"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "l.csv", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        #expect(try HandoffBinary.run(["route", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        #expect(try HandoffBinary.run(["notifications"], in: directory).stdout.contains("No notices yet"))

        let reminded = try HandoffBinary.run(["route", "--now", "2026-11-24T14:52:00Z"], in: directory)
        #expect(reminded.stdout.contains("SLA: 1 reminded, 1 notice in the outbox"), "\(reminded.stdout)")
        let rerouted = try HandoffBinary.run(["route", "--now", "2026-11-24T15:10:00Z"], in: directory)
        #expect(rerouted.stdout.contains("SLA: 1 rerouted, 2 notices in the outbox"), "\(rerouted.stdout)")
        let pending = try HandoffBinary.run(["notifications"], in: directory)
        #expect(pending.stdout.contains("reminder") && pending.stdout.contains("Reminder: accept L-0000001 by 2026-11-24T15:00:00Z"), "\(pending.stdout)")
        #expect(pending.stdout.split(separator: "\n").count == 4)

        // A failing command keeps them pending, with the error.
        let failing = try HandoffBinary.run(["notifications", "--deliver", "echo mail server down >&2; exit 3"], in: directory)
        #expect(failing.status == 1 && failing.stderr.contains("exit status 3: mail server down"), "\(failing.stderr)")
        #expect(try HandoffBinary.run(["notifications"], in: directory).stdout.contains("failed 1x: exit status 3: mail server down"))

        let delivered = try HandoffBinary.run(["notifications", "--deliver", "cat >> sent.jsonl; echo \"$HANDOFF_NOTICE_TO $HANDOFF_NOTICE_EMAIL\" >> to.txt"], in: directory)
        #expect(delivered.status == 0, "\(delivered.stderr)")
        #expect(delivered.stdout.hasSuffix("3 notices delivered, 0 failed.\n"), "\(delivered.stdout)")
        let sent = try String(contentsOf: directory.appendingPathComponent("sent.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(sent.count == 3 && sent[0].contains("\"kind\":\"reminder\"") && sent[0].contains("\"lead\":\"L-0000001\""))
        let to = try String(contentsOf: directory.appendingPathComponent("to.txt"), encoding: .utf8).split(separator: "\n")
        // Ana was reminded, then the lead went to someone else and Ana heard it went.
        #expect(to.first == "ana ana@acme.example" && to.last == "ana ana@acme.example" && to.count == 3, "\(to)")
        #expect(try HandoffBinary.run(["notifications", "--deliver", "false"], in: directory).stdout == "0 notices delivered, 0 failed.\n")
        let json = try HandoffBinary.run(["notifications", "--all", "--json"], in: directory)
        #expect(json.stdout.contains("\"delivered_at\"") && json.stdout.contains("\"attempts\" : 2"))
    }
}

/// `handoff show` says when an assigned lead must be accepted.
@Suite struct AcceptByTests {
    @Test func showGivesTheAcceptByTimeInTheOwnersWorkingHours() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\n".write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        // 16:50 in São Paulo, where Ana works until 18:00: the 30 minutes fit today.
        #expect(try HandoffBinary.run(["import", "l.csv", "--now", "2026-11-24T19:50:00Z"], in: directory).status == 0)
        #expect(try HandoffBinary.run(["route", "--now", "2026-11-24T19:50:00Z"], in: directory).status == 0)
        let shown = try HandoffBinary.run(["show", "1", "--now", "2026-11-24T20:00:00Z"], in: directory)
        #expect(shown.stdout.contains("accept by  2026-11-24T20:20:00Z\n"), "\(shown.stdout)")
        let json = try HandoffBinary.run(["show", "1", "--json"], in: directory)
        #expect(json.stdout.contains("\"accept_by\" : \"2026-11-24T20:20:00Z\""), "\(json.stdout)")
    }
}
