import Foundation
import Testing

/// `handoff report` counts leads by when they arrived, whatever order the times were used in, and a lead
/// that arrived exactly at the window's end counts in every figure.
@Suite struct ReportWindowTests {
    @Test func anEarlierNowUsedAfterALaterOneCountsByItsTime() throws {
        let folder = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> HandoffBinary.Result {
            let result = try HandoffBinary.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"])
        try "email,company,country,employees\nal@initech.de,Initech,DE,3100\n".write(to: folder.appendingPathComponent("late.csv"), atomically: true, encoding: .utf8)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\nmo@hooli.fr,Hooli,FR,2500\n"
            .write(to: folder.appendingPathComponent("early.csv"), atomically: true, encoding: .utf8)
        _ = try run(["import", "late.csv", "--now", "2026-11-24T16:00:00Z"])
        _ = try run(["import", "early.csv", "--now", "2026-11-24T14:00:00Z"])

        // The window ends exactly when the early leads arrived: both count, in the chart too.
        let report = try run(["report", "--now", "2026-11-24T14:00:00Z", "--since", "1h", "--json"])
        let all = try #require((try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["all"] as? [String: Any])
        #expect(all["leads"] as? Int == 2)
        #expect(((all["arrivals"] as? [String: Any])?["counts"] as? [Int])?.reduce(0, +) == 2)
        let text = try run(["report", "--now", "2026-11-24T14:00:00Z", "--since", "1h"])
        #expect(text.stdoutLines.first == "Review of 2 leads received 2026-11-24T13:00:00Z .. 2026-11-24T14:00:00Z (1h); 2 not routed yet")
        let both = try run(["report", "--now", "2026-11-24T16:00:00Z", "--since", "3h"])
        #expect(both.stdoutLines.first?.hasPrefix("Review of 3 leads received") == true)
    }
}
