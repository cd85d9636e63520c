import Foundation
import Testing

/// The release binary against hostile input, as the issue tried it: nothing traps, hangs, or changes
/// silently, and data printed as text cannot drive the terminal.
@Suite struct HostileInputTests {
    static let now = ["--now", "2026-11-24T14:30:00Z"]

    /// `handoff init` in a fresh folder, plus `files` written into it.
    func workspace(_ files: [String: String] = [:]) throws -> URL {
        let directory = try HandoffBinary.temporaryDirectory()
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory
    }

    func json(_ result: HandoffBinary.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    @Test func infiniteNumbersAreQuarantinedAndNothingTraps() throws {
        let directory = try workspace(["leads.csv": """
            external_id,email,company,country,employees,annual_revenue,score
            e1,a@globex.de,Globex,DE,$1e308bn,1,1
            e2,b@globex.de,Globex,DE,10,1e308bn,1
            e3,c@globex.de,Globex,DE,10,1,9e307k
            e4,d@globex.de,Globex,DE,1200,1,1

            """])
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try HandoffBinary.run(["import", "leads.csv", "--route", "--json"] + Self.now, in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try json(imported)
        #expect(summary["accepted"] as? Int == 1 && summary["quarantined"] as? Int == 3)
        let problems = try #require(summary["first_problems"] as? [String])
        #expect(problems.first == "leads.csv:2:26: '$1e308bn' in 'employees' is not a number (employees); write e.g. 1200, 1,200, 1.2k or $4.5M")
        let shown = try HandoffBinary.run(["show", "L-0000001", "--json"], in: directory)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try json(shown)["id"] as? String == "L-0000001")
    }

    @Test func numericOptionsHaveRanges() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        for leads in ["9223372036854775807", "100000000000", "0"] {
            let demo = try HandoffBinary.run(["demo", "--headless", "--leads", leads, "--db", "d.db"], in: directory)
            #expect(demo.status == 64)
            #expect(demo.stderr.contains("--leads must be from 1 to 1,000,000"), "\(demo.stderr)")
        }
        let listed = try HandoffBinary.run(["leads", "--limit", "9223372036854775807"], in: directory)
        #expect(listed.status == 64 && listed.stderr.contains("--limit must be from 1 to 1,000,000"), "\(listed.stderr)")
        let routed = try HandoffBinary.run(["route", "--batch", "9223372036854775807"] + Self.now, in: directory)
        #expect(routed.status == 64 && routed.stderr.contains("--batch must be from 1 to 100,000"), "\(routed.stderr)")
    }

    @Test func hugeWeightsAndBacktrackingPatternsAndAliasBombsAreRefusedByRulesCheck() throws {
        let example = try String(contentsOf: HandoffBinary.packageRoot.appendingPathComponent("examples/rulebook.yaml"), encoding: .utf8)
        let weighted = example.replacingOccurrences(of: "capacity: 40, weight: 2}", with: "capacity: 40, weight: 9223372036854775807}")
        let pattern = example.replacingOccurrences(of: #"when: {country: [US, CA], employees: "< 200"}"#, with: #"when: {company: {matches: "(a+)+$"}}"#)
        var bomb = "version: 1\nname: bomb\nroutes:\n  - when:\n      a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            bomb += "      \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(weighted != example && pattern != example)
        let directory = try workspace(["weighted.yaml": weighted, "pattern.yaml": pattern, "bomb.yaml": bomb])
        defer { try? FileManager.default.removeItem(at: directory) }

        let w = try HandoffBinary.run(["rules", "check", "weighted.yaml"], in: directory)
        #expect(w.status == 1)
        #expect(w.stdout.contains(#"error: owner 'ana' weight must be a whole number from 1 to 10,000; found '9223372036854775807'"#), "\(w.stdout)")
        #expect(w.stdout.range(of: #"weighted.yaml:\d+:\d+: error: owner 'ana' weight"#, options: .regularExpression) != nil)

        let p = try HandoffBinary.run(["rules", "check", "pattern.yaml"], in: directory)
        #expect(p.status == 1)
        #expect(p.stdout.range(of: #"pattern.yaml:\d+:\d+: error: regular expression '\(a\+\)\+\$' repeats a group"#, options: .regularExpression) != nil, "\(p.stdout)")

        let started = Date()
        let b = try HandoffBinary.run(["rules", "check", "bomb.yaml"], in: directory)
        #expect(b.status == 1)
        #expect(b.stdout.contains("values once its aliases (*name) are expanded"), "\(b.stdout)")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func searchMatchesTheTextTyped() throws {
        let directory = try workspace(["leads.csv": "email,company,country\na@ab.com,A_B,DE\nb@axb.com,AxB Ltd,DE\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["import", "leads.csv"] + Self.now, in: directory).status == 0)
        let gone = try HandoffBinary.run(["disqualify", "--filter", "--search", "A_B", "--reason", "spam", "--operator", "olga"] + Self.now, in: directory)
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(gone.stdoutLines == ["L-0000001 disqualified (was received)"], "\(gone.stdout)")
        let left = try HandoffBinary.run(["leads", "--state", "received"], in: directory)
        #expect(left.stdout.contains("AxB Ltd"))
    }

    @Test func terminalSequencesInDataAreShownEscapedAndJSONKeepsThem() throws {
        let company = "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} Ltd"
        let directory = try workspace(["leads.csv": "email,company,employees\nx@evil.com,\"\(company)\",10\ny@evil.com,Bad,\"lots\u{1B}[31m\"\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try HandoffBinary.run(["import", "leads.csv"] + Self.now, in: directory)
        #expect(imported.status == 0)
        #expect(!imported.stdout.contains("\u{1B}"))
        #expect(imported.stdout.contains(#"'lots\x1b[31m' in 'employees' is not a number"#), "\(imported.stdout)")
        let escaped = #"Evil \x1b[2J\x1b]0;pwned\x07 Ltd"#
        for arguments in [["leads"], ["show", "L-0000001"], ["quarantine"], ["log"], ["leads", "--search", "\u{1B}]0;"], ["show", "L-\u{1B}[2J"]] {
            let result = try HandoffBinary.run(arguments, in: directory)
            #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "\(arguments)")
        }
        #expect(try HandoffBinary.run(["show", "L-0000001"], in: directory).stdout.contains(escaped))
        #expect(try HandoffBinary.run(["show", "L-\u{1B}[2J"], in: directory).stderr.contains(#"L-\x1b[2J"#))
        let shown = try HandoffBinary.run(["show", "L-0000001", "--json"], in: directory)
        let fields = try #require(try json(shown)["fields"] as? [String: Any])
        #expect(fields["company"] as? String == company)
    }

    @Test func nulBytesAreQuarantinedAndShownWhole() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("email,company\na@b.com,N\0L Ltd\nb@b.com,Fine\n".utf8).write(to: directory.appendingPathComponent("leads.csv"))
        let imported = try HandoffBinary.run(["import", "leads.csv", "--json"] + Self.now, in: directory)
        let summary = try json(imported)
        #expect(summary["accepted"] as? Int == 1 && summary["quarantined"] as? Int == 1)
        #expect((summary["first_problems"] as? [String])?.first?.hasPrefix("leads.csv:2:9: 'company' holds a NUL character") == true, "\(summary)")
        let listed = try HandoffBinary.run(["quarantine"], in: directory)
        #expect(listed.stdout.contains(#"a@b.com,N\0L Ltd"#), "\(listed.stdout)")
        let records = try #require(try json(try HandoffBinary.run(["quarantine", "--json"], in: directory))["records"] as? [[String: Any]])
        #expect(records.first?["raw"] as? String == "a@b.com,N\0L Ltd")
    }

    @Test func repeatedExternalIdsAreNeverDroppedSilently() throws {
        let directory = try workspace(["leads.csv": "external_id,email,company\ne7,g@y.com,One\ne7,g@y.com,Two\ne7,g@y.com,One\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try json(try HandoffBinary.run(["import", "leads.csv", "--json"] + Self.now, in: directory))
        #expect(summary["accepted"] as? Int == 1 && summary["already_present"] as? Int == 1 && summary["quarantined"] as? Int == 1)
        #expect((summary["first_problems"] as? [String]) == [
            "leads.csv:3:1: external id 'e7' was already given on line 2 with different values, and that record was kept; "
                + "merge the two lines into one (or give this one its own id) and import it again",
        ])
    }

    @Test func importJSONIsTheOnlyThingOnStandardOutput() throws {
        // More rows than the old plain progress line's step (100,000), which used to land on stdout.
        var csv = "email\n"
        csv.reserveCapacity(2_000_000)
        for i in 0...100_000 { csv += "p\(i)@x.io\n" }
        let directory = try workspace(["leads.csv": csv])
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try HandoffBinary.run(["import", "leads.csv", "--json"] + Self.now, in: directory)
        #expect(imported.status == 0)
        #expect(try json(imported)["accepted"] as? Int == 100_001)
        #expect(imported.stderr.isEmpty, "\(imported.stderr)")
        let text = try HandoffBinary.run(["import", "leads.csv"] + Self.now, in: directory)
        #expect(text.stdout.hasPrefix("Imported leads.csv"), "\(text.stdout.prefix(200))")
    }

    @Test func aHugeValueIsQuotedAsAnExcerpt() throws {
        let directory = try workspace(["leads.csv": "email,employees\na@b.com," + String(repeating: "x", count: 500_000) + "\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try HandoffBinary.run(["import", "leads.csv"] + Self.now, in: directory)
        #expect(imported.stdout.utf8.count < 2_000, "\(imported.stdout.prefix(300))")
        #expect(imported.stdout.contains("… (499940 more bytes)' in 'employees' is not a number"))
    }

    @Test func impossibleDatesAreRefusedWithTheirPlace() throws {
        let directory = try workspace(["leads.csv": "email,received_at\na@b.com,2026-02-30\nb@b.com,2026-11-24T14:03:00+15:00\nc@b.com,1500-01-01\nd@b.com,9999-12-31T23:59:59Z\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try json(try HandoffBinary.run(["import", "leads.csv", "--json"] + Self.now, in: directory))
        #expect(summary["accepted"] as? Int == 1 && summary["quarantined"] as? Int == 3)
        #expect((summary["first_problems"] as? [String])?.first?.hasPrefix("leads.csv:2:9: '2026-02-30' in 'received_at' is not a date") == true, "\(summary)")
        let fields = try #require(try json(try HandoffBinary.run(["show", "L-0000001", "--json"], in: directory))["fields"] as? [String: Any])
        #expect(fields["received_at"] as? String == "9999-12-31T23:59:59Z")
        for now in ["2026-02-30T10:00:00Z", "2026-11-24T25:00:00Z", "2026-11-24T10:00:00+15:00", "1500-01-01"] {
            let run = try HandoffBinary.run(["route", "--now", now], in: directory)
            #expect(run.status == 64, "\(now): \(run.stderr)")
            #expect(run.stderr.contains(now), "\(run.stderr)")
        }
    }
}
