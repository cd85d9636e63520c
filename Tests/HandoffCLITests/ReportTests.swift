import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `handoff report` on a workspace whose history is known to the second: three leads taken in at 14:30,
/// routed at 14:30:10, one reassigned by an operator, one accepted two minutes after it was assigned.
@Suite struct ReportTests {
    final class History {
        let directory: URL

        init() throws {
            directory = try HandoffBinary.temporaryDirectory()
            #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
            // A rulebook name with markup in it: the page must show it, not obey it.
            let rules = directory.appendingPathComponent("rulebook.yaml")
            let text = try String(contentsOf: rules, encoding: .utf8)
                .replacingOccurrences(of: "name: Acme inbound", with: #"name: 'Acme <b>inbound</b> & "co"'"#)
            try text.write(to: rules, atomically: true, encoding: .utf8)
            try """
                email,company,country,employees
                jo@globex.de,Globex,DE,4200
                al@initech.de,Initech,DE,3100
                mo@hooli.fr,Hooli,FR,2500

                """.write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
            try expectOK(["import", "l.csv", "--now", "2026-11-24T14:30:00Z"])
            try expectOK(["route", "--now", "2026-11-24T14:30:10Z"])
            try expectOK(["reassign", "L-0000001", "--to", "dan", "--reason", "speaks German", "--now", "2026-11-24T14:31:00Z", "--operator", "olga"])
            try expectOK(["accept", "L-0000002", "--now", "2026-11-24T14:32:10Z", "--operator", "owner:x"])
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func run(_ arguments: [String]) throws -> HandoffBinary.Result { try HandoffBinary.run(arguments, in: directory) }

        func expectOK(_ arguments: [String]) throws {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test func textTablesWithTheFiguresAndTheCorrection() throws {
        let history = try History()
        let result = try history.run(["report", "--since", "1h", "--now", "2026-11-24T14:40:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Review of 3 leads received 2026-11-24T13:40:00Z .. 2026-11-24T14:40:00Z (1h)"), "\(out)")
        let timing = try #require(result.stdoutLines.first { $0.hasPrefix("intake -> owner") })
        #expect(timing.split(separator: " ", omittingEmptySubsequences: true).prefix(8).joined(separator: " ") == "intake -> owner 3 10s 10s 10s 10s", "\(timing)")
        let accept = try #require(result.stdoutLines.first { $0.hasPrefix("owner -> accepted") })
        #expect(accept.contains(" 2m "), "\(accept)")
        #expect(out.contains("reassigned to dan once"), "\(out)")
        #expect(out.contains("Operator overrides: 1 reassignment by people"), "\(out)")
        #expect(out.contains("emea-enterprise: Gini"), "\(out)")
        #expect(!out.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func jsonIsOneDocumentWithSnakeCaseFields() throws {
        let history = try History()
        let result = try history.run(["report", "--since", "1h", "--now", "2026-11-24T14:40:00Z", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["start", "end", "all", "by_rulebook"])
        #expect(document["start"] as? String == "2026-11-24T13:40:00Z")
        let all = try #require(document["all"] as? [String: Any])
        for key in ["leads", "decided", "arrivals", "intake_to_owner", "owner_to_acceptance", "exceptions", "exception_rate",
                    "exceptions_by_reason", "exceptions_by_route", "overrides", "sla_by_pool", "sla_assigned", "sla_breached",
                    "sla_breach_rate", "owners", "fairness"] {
            #expect(all[key] != nil, "missing \(key)")
        }
        #expect(all["leads"] as? Int == 3)
        let toOwner = try #require(all["intake_to_owner"] as? [String: Any])
        #expect(toOwner["p50"] as? Double == 10 && toOwner["p99"] as? Double == 10 && toOwner["count"] as? Int == 3)
        let toAccept = try #require(all["owner_to_acceptance"] as? [String: Any])
        #expect(toAccept["p50"] as? Double == 120)
        let overrides = try #require(all["overrides"] as? [[String: Any]])
        #expect(overrides.first?["route"] as? String == "enterprise-emea")
        let correction = try #require(overrides.first?["most_common"] as? [String: Any])
        #expect(correction["to"] as? String == "dan" && correction["count"] as? Int == 1)
        let owners = try #require(all["owners"] as? [[String: Any]])
        #expect(owners.contains { $0["owner"] as? String == "ana" && $0["weight_share"] as? Double == 0.5 && $0["capacity"] as? Int == 40 })
        let versions = try #require(document["by_rulebook"] as? [[String: Any]])
        #expect(versions.count == 1)
        #expect(versions.first?["name"] as? String == #"Acme <b>inbound</b> & "co""#)
        #expect((versions.first?["version"] as? String)?.count == 12)
    }

    @Test func htmlIsOneWellFormedPageWithChartsAndEscapedText() throws {
        let history = try History()
        let result = try history.run(["report", "--since", "1h", "--now", "2026-11-24T14:40:00Z", "--html", "review.html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote review.html."))
        let page = try String(contentsOf: history.directory.appendingPathComponent("review.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("Acme &lt;b&gt;inbound&lt;/b&gt; &amp; &quot;co&quot;"))
        #expect(!page.contains("<b>inbound"))
        #expect(!page.lowercased().contains("<script") && !page.contains("<link") && !page.contains("@import") && !page.contains("url("))
        #expect(page.components(separatedBy: "<svg").count - 1 >= 7, "charts: arrivals, two histograms, two exception charts, breaches, load")
        #expect(page.contains("reassigned to dan once"))
        // Every element closes, in order; every chart is well-formed XML on its own.
        #expect(Self.unbalancedTags(page) == nil, "\(Self.unbalancedTags(page) ?? "")")
        var rest = Substring(page)
        while let open = rest.range(of: "<svg"), let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) {
            let svg = String(rest[open.lowerBound..<close.upperBound])
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? ""): \(svg.prefix(200))")
            rest = rest[close.upperBound...]
        }
    }

    @Test func anEmptyWindowSaysSoAndExitsZero() throws {
        let history = try History()
        let text = try history.run(["report", "--now", "2026-11-20T00:00:00Z"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("No leads were received in 2026-11-13T00:00:00Z .. 2026-11-20T00:00:00Z (7d)"), "\(text.stdout)")
        let json = try history.run(["report", "--now", "2026-11-20T00:00:00Z", "--json", "--html", "empty.html"])
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let all = try #require(document["all"] as? [String: Any])
        #expect(all["leads"] as? Int == 0 && all["exception_rate"] as? Double == 0 && all["sla_breach_rate"] as? Double == 0)
        #expect((all["intake_to_owner"] as? [String: Any])?["p50"] == nil)
        let page = try String(contentsOf: history.directory.appendingPathComponent("empty.html"), encoding: .utf8)
        #expect(page.contains("No leads were received in this window"))
    }

    @Test func aWrongDurationIsAUsageError() throws {
        let history = try History()
        let result = try history.run(["report", "--since", "a week"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--since 'a week' is not a duration"), "\(result.stderr)")
    }

    /// The first tag that does not close in order, or nil. Void elements (meta, the doctype) and
    /// self-closed ones (`<rect/>`) need no end tag.
    static func unbalancedTags(_ html: String) -> String? {
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link"]
        var stack: [String] = []
        let pattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>/
        for match in html.matches(of: pattern) {
            let name = String(match.output.2).lowercased()
            if match.output.3 == "/" || void.contains(name) { continue }
            if match.output.1 == "/" {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty ? nil : "<\(stack.last!)> never closes"
    }
}
