import Foundation
import Testing

/// `handoff import` and `handoff accounts import` on real-world-shaped exports, as a user runs them.
@Suite struct ImportTests {
    static let hubSpot = "\u{FEFF}Record ID,First Name,Last Name,Email,Company Name,Country/Region,Number of Employees,Annual Revenue,Lead Status\r\n"
        + "101,Jo,Weber,jo@globex.de,Globex,Germany,\"4,200\",,New\r\n"
        + "102,Ann,Lee,ann@initech.com,\"Initech, Inc.\",United States,50,$4.5M,Open\r\n"
        + "103,Bad,Row,bad@x.com,X,US,lots,,New\r\n"
        + "\r\n"
        + "104,Kim,Park,kim@umbrella.fr,Umbrella,France,1200\r\n"
        + "105,\"Li\nMei\",Chen,li@soylent.ca,Soylent,Canada,80,,New\r\n"

    static let salesforce = "Id,FirstName,LastName,Company,Email,Country,NumberOfEmployees,LeadSource,Rating\n"
        + "00Q1,Eva,Novak,Tyrell,eva@tyrell.com,US,120,Web,Hot\n"

    func workspace() throws -> URL {
        let directory = try HandoffBinary.temporaryDirectory()
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try Self.hubSpot.write(to: directory.appendingPathComponent("hubspot.csv"), atomically: true, encoding: .utf8)
        try Self.salesforce.write(to: directory.appendingPathComponent("salesforce.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func importRouteAndReimportAddsNothingTwice() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = ["--now", "2026-11-24T14:30:00Z"]
        let first = try HandoffBinary.run(["import", "hubspot.csv"] + now, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("HubSpot export"))
        #expect(first.stdout.contains("accepted         3"))
        #expect(first.stdout.contains("quarantined      2"))
        #expect(first.stdout.contains("hubspot.csv:4:28: 'lots' in 'Number of Employees' is not a number"))
        #expect(first.stdout.contains("hubspot.csv:6:"))
        #expect(first.stdout.contains("Kept as attributes: Lead Status"))

        let again = try HandoffBinary.run(["import", "hubspot.csv"] + now, in: directory)
        #expect(again.stdout.contains("accepted         0") && again.stdout.contains("already present  3"))

        let salesforce = try HandoffBinary.run(["import", "salesforce.csv", "--json"] + now, in: directory)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(salesforce.stdout.utf8)) as? [String: Any])
        #expect(summary["dialect"] as? String == "Salesforce export")
        #expect(summary["accepted"] as? Int == 1)

        let routed = try HandoffBinary.run(["route"] + now, in: directory)
        #expect(routed.status == 0, "\(routed.stderr)")
        #expect(routed.stdout.contains("Routed 4 leads"))
        let leads = try HandoffBinary.run(["leads"], in: directory)
        #expect(leads.stdout.contains("Initech, Inc."))
        #expect(leads.stdout.contains("Li Mei") || leads.stdout.contains("Chen") || leads.stdout.contains("Soylent"))
        let quarantine = try HandoffBinary.run(["quarantine"], in: directory)
        #expect(quarantine.stdout.components(separatedBy: "\n").filter { $0.contains("hubspot.csv") }.count == 2)
        #expect(try HandoffBinary.run(["doctor"], in: directory).status == 0)
    }

    /// A lead imported with `--route` (one stored entry) reads everywhere as one routed from the queue
    /// (three entries): its history, `show`, `explain`, the review, the log's JSON, and the chain holds.
    @Test func aRoutedImportReadsAsImportThenRoute() throws {
        let routed = try workspace(), queued = try workspace()
        defer {
            try? FileManager.default.removeItem(at: routed)
            try? FileManager.default.removeItem(at: queued)
        }
        let now = ["--now", "2026-11-24T14:30:00Z"]
        #expect(try HandoffBinary.run(["import", "hubspot.csv", "--route"] + now, in: routed).status == 0)
        #expect(try HandoffBinary.run(["import", "hubspot.csv"] + now, in: queued).status == 0)
        #expect(try HandoffBinary.run(["route"] + now, in: queued).status == 0)
        // Entry numbers differ (the queue numbers all arrivals first); everything else reads the same.
        func same(_ arguments: [String]) throws {
            let a = try HandoffBinary.run(arguments, in: routed), b = try HandoffBinary.run(arguments, in: queued)
            #expect(a.status == 0 && a.status == b.status, "\(a.stderr)")
            let unnumbered = { (text: String) in text.replacingOccurrences(of: #"("seq":|#)\d+"#, with: "$1N", options: .regularExpression) }
            #expect(unnumbered(a.stdout) == unnumbered(b.stdout), "\(arguments)")
        }
        for id in ["L-0000001", "L-0000002", "L-0000003"] {
            try same(["show", id])
            try same(["explain", id])
            try same(["log", id, "--json"])
        }
        try same(["report", "--since", "7d", "--now", "2026-11-24T15:00:00Z", "--json"])
        let log = try HandoffBinary.run(["log", "--json", "--limit", "100"], in: routed)
        let numbers = log.stdout.split(separator: "\n").compactMap { line -> Int? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
        }
        #expect(numbers == Array(1...numbers.count) && numbers.count >= 8)
        #expect(!log.stdout.contains("routed\""))
        #expect(try HandoffBinary.run(["audit", "verify"], in: routed).status == 0)
        #expect(try HandoffBinary.run(["doctor"], in: routed).status == 0)
    }

    /// `import --route`: one pass leaves nothing queued, with the decisions `route` would have made.
    @Test func importWithRouteRoutesAsItStores() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = ["--now", "2026-11-24T14:30:00Z"]
        let first = try HandoffBinary.run(["import", "hubspot.csv", "--route"] + now, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("accepted         3"))
        #expect(first.stdout.contains("Routed 3 leads with rulebook 'Acme inbound'"))
        #expect(!first.stdout.contains("Next: handoff route"))
        let queue = try HandoffBinary.run(["leads", "--state", "received"], in: directory)
        #expect(!queue.stdout.contains("L-000000"))
        let explained = try HandoffBinary.run(["explain", "L-0000001"], in: directory)
        #expect(explained.stdout.contains("route: enterprise-emea because country DE"), "\(explained.stdout)")
        let history = try HandoffBinary.run(["log", "L-0000001"], in: directory)
        for kind in ["received", "checked", "assigned"] { #expect(history.stdout.contains(kind)) }

        let again = try HandoffBinary.run(["import", "hubspot.csv", "--route", "--json"] + now, in: directory)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["accepted"] as? Int == 0 && summary["already_present"] as? Int == 3)
        let routed = try #require(summary["routed"] as? [String: Any])
        #expect(routed["routed"] as? Int == 0)
        #expect(try HandoffBinary.run(["doctor"], in: directory).status == 0)

        // A broken rulebook stops the import before anything is read.
        try "version: 1\nowners: [\n".write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let broken = try HandoffBinary.run(["import", "salesforce.csv", "--route", "--rules", "broken.yaml"] + now, in: directory)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.yaml:"))
        let untouched = try HandoffBinary.run(["leads", "--search", "Novak"], in: directory)
        #expect(!untouched.stdout.contains("Tyrell"))
    }

    @Test func importFromStandardInputAndAccounts() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "domain,name,owner\nglobex.de,Globex,chloe\n,Nameless,ben\n".write(to: directory.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        let accounts = try HandoffBinary.run(["accounts", "import", "accounts.csv"], in: directory)
        #expect(accounts.status == 0, "\(accounts.stderr)")
        #expect(accounts.stdout.contains("Loaded 1 accounts from accounts.csv; 1 rows quarantined."))
        let piped = try HandoffBinary.run(["import", "-", "--format", "csv", "--now", "2026-11-24T14:30:00Z"], stdin: Self.hubSpot, in: directory)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("accepted         3"))
        _ = try HandoffBinary.run(["route", "--now", "2026-11-24T14:30:00Z"], in: directory)
        let explained = try HandoffBinary.run(["explain", "L-0000001"], in: directory)
        #expect(explained.stdout.contains("account: Globex (globex.de), owner chloe"))
    }

    @Test func unreadableFileAndBadMapping() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try HandoffBinary.run(["import", "nope.csv"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.csv"))
        try "columns:\n  Record ID: externl_id\n".write(to: directory.appendingPathComponent("map.yaml"), atomically: true, encoding: .utf8)
        let mapped = try HandoffBinary.run(["import", "hubspot.csv", "--mapping", "map.yaml"], in: directory)
        #expect(mapped.status == 1)
        #expect(mapped.stderr.contains("map.yaml:2:"))
    }
}
