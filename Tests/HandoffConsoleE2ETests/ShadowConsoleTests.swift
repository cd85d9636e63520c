import Foundation
import Testing

@Suite("Shadow view end to end", .serialized)
struct ShadowConsoleTests {
    /// Four German firms of 600 employees (no route live; enterprise-emea in the draft), then six of 4,200.
    static let leads = (["email,company,country,employees"] + (1...10).map { i in
        "buyer\(i)@firm\(i).de,Firm \(i),DE,\(i <= 4 ? 600 : 4200)"
    }).joined(separator: "\n") + "\n"

    @Test(":shadow DRAFT shows where the draft parts from the rulebook as leads are routed, and :shadow stop ends it")
    func shadowView() async throws {
        let workspace = try ConsoleWorkspace()
        let draft = try String(contentsOfFile: workspace.rulebook, encoding: .utf8)
            .replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
        try draft.write(to: workspace.directory.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
        try Self.leads.write(to: workspace.directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let session = try workspace.console(width: 100, height: 40)
        try await session.waitFor(text: "Handoff ·", timeout: ConsoleWorkspace.timeout)
        try session.send(text: ":shadow draft.yaml")
        try session.send(keys: "Enter")
        try await session.waitFor(text: "No lead routed since it started", timeout: ConsoleWorkspace.timeout)
        // Leads queued by another process: the console's routing core routes them, the draft decides them too.
        let imported = try workspace.cli(["import", workspace.directory.appendingPathComponent("leads.csv").path, "--db", workspace.database, "--now", ConsoleWorkspace.now])
        #expect(imported.status == 0, "\(imported.stderr)")
        let rows = try await session.waitFor(text: "L-0000041", timeout: ConsoleWorkspace.timeout)
        let screen = rows.joined(separator: "\n")
        #expect(screen.contains("Agreement"), "\(screen)")
        #expect(screen.contains("10 leads decided by both"), "\(screen)")
        #expect(screen.contains("Load per owner"), "\(screen)")
        for id in ["L-0000041", "L-0000042", "L-0000043", "L-0000044"] {
            let row = try #require(rows.first { $0.contains(id) }, "\(screen)")
            #expect(row.contains("no_route") && row.contains("enterprise-emea"), "\(row)")
        }
        // The same figures as the command line's report.
        let report = try workspace.cli(["shadow", "report", "--db", workspace.database, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let diverged = try #require(json["diverged"] as? Int)
        #expect(screen.contains("\(diverged) diverged"), "\(screen)")

        try session.send(text: ":shadow stop")
        try session.send(keys: "Enter")
        // The view's own line, which stays (the status line's "stopped shadowing draft.yaml" lasts five
        // seconds, which a test starved of its thread on a loaded machine can miss).
        try await session.waitFor(text: "Stopped 2026-11-24T14:30:00Z (ana)", timeout: ConsoleWorkspace.timeout)
        let stopped = try workspace.cli(["shadow", "report", "--db", workspace.database, "--json"])
        #expect(stopped.stdout.contains("\"state\" : \"stopped\""), "\(stopped.stdout)")
        try await quit(session)
    }
}
