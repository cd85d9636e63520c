import Foundation
import Testing

/// The PostgreSQL server these tests use, if any.
enum TeamServer {
    static let url = ProcessInfo.processInfo.environment["HANDOFF_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let runs = url != nil || ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_POSTGRES"] == "1"
}

/// A team's workspace on one PostgreSQL database, as separate processes of the real binary: workers on
/// it stand by for each other across processes, two importers feed it at once, and kill -9 of the active
/// worker loses and doubles nothing. Runs against HANDOFF_TEST_POSTGRES_URL (`.ci/postgres run swift
/// test`); skipped without one, failing instead under HANDOFF_REQUIRE_POSTGRES=1, as CI runs it.
@Suite(.enabled(if: TeamServer.runs, "no PostgreSQL: set HANDOFF_TEST_POSTGRES_URL, or run the tests as .ci/postgres run swift test"))
struct PostgresTeamTests {
    static let server = TeamServer.url

    struct NoServer: Error, CustomStringConvertible {
        var description: String { "HANDOFF_REQUIRE_POSTGRES=1 but HANDOFF_TEST_POSTGRES_URL is unset: start a server with .ci/postgres" }
    }

    /// A new database on the server for one test, as a workspace: its URL.
    static func workspace(in directory: URL) throws -> String {
        guard let server else { throw NoServer() }
        let name = "handoff_team_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased())"
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", String(server.split(separator: "?")[0]), "-qc", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        #expect(psql.terminationStatus == 0, "psql created the database")
        let url = server.replacingOccurrences(of: "/handoff?", with: "/\(name)?")
        let initialized = try HandoffBinary.run(["init", "--database", url], in: directory)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(initialized.stdout.contains("The workspace is ready in postgres://"), "\(initialized.stdout)")
        #expect(!initialized.stdout.contains(String(server.split(separator: "@")[0].split(separator: ":").last ?? "")), "the password is never printed")
        return url
    }

    /// A worker on the workspace, its output in a file.
    final class Worker {
        let process = Process()
        let output: URL

        init(_ directory: URL, database: String, name: String) throws {
            guard let url = HandoffBinary.url else { throw HandoffBinary.NotBuilt() }
            output = directory.appendingPathComponent("\(name).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.executableURL = url
            process.arguments = ["worker", "--db", database, "--now", "2026-11-24T14:30:00Z", "--operator", name]
            process.currentDirectoryURL = directory
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Whether the worker's last word is that it routes.
        var routing: Bool {
            printed.split(separator: "\n").last { $0.hasPrefix("handoff worker: routing ") || $0.hasPrefix("handoff worker: standing by") }?
                .hasPrefix("handoff worker: routing ") ?? false
        }

        func wait(seconds: Double = 15, until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !condition() { Thread.sleep(forTimeInterval: 0.02) }
            return condition()
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func leads(_ from: Int, _ count: Int) -> String {
        "email,company,country,employees\n" + (from..<(from + count)).map { "p\($0)@globex\($0 % 7).de,Globex \($0 % 7),DE,4200" }.joined(separator: "\n") + "\n"
    }

    /// The number of leads in `state`, read with the product's own `leads --json`.
    static func count(_ state: String, _ database: String, in directory: URL) throws -> Int {
        let listed = try HandoffBinary.run(["leads", "--db", database, "--state", state, "--limit", "10000", "--json"], in: directory)
        return listed.stdout.components(separatedBy: "\"id\" : ").count - 1
    }

    @Test func workersOnOneDatabaseStandByForEachOtherAndAKilledOneLosesAndDoublesNothing() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try Self.workspace(in: directory)

        let workers = try (1...3).map { try Worker(directory, database: database, name: "worker-\($0)") }
        #expect(workers[0].wait { workers.contains { $0.routing } }, "one worker routes: \(workers.map(\.printed))")
        #expect(workers[0].wait { workers.filter { $0.printed.contains("standing by") }.count == 2 }, "two stand by: \(workers.map(\.printed))")

        // Two importers at once, while the active worker is killed twice.
        try Self.leads(0, 300).write(to: directory.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try Self.leads(300, 300).write(to: directory.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let importers = try ["a.csv", "b.csv"].map { file in
            let process = Process()
            process.executableURL = HandoffBinary.url
            process.arguments = ["import", file, "--db", database, "--now", "2026-11-24T14:30:00Z"]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        var alive = workers
        var takeovers: [Double] = []
        for _ in 1...2 {
            guard let active = alive.first(where: \.routing) else { Issue.record("no worker routes"); break }
            active.kill9()
            let killed = Date()
            alive.removeAll { $0 === active }
            #expect(alive[0].wait(seconds: 5) { alive.contains { $0.routing } }, "another worker took over within 5 s: \(alive.map(\.printed))")
            takeovers.append(Date().timeIntervalSince(killed))
            alive.append(try Worker(directory, database: database, name: "worker-\(takeovers.count + 3)"))
        }
        for importer in importers { importer.waitUntilExit() }
        #expect(importers.allSatisfy { $0.terminationStatus == 0 })
        #expect(alive[0].wait(seconds: 30) { (try? Self.count("received", database, in: directory)) == 0 }, "the queue is drained")
        print("PostgreSQL workers: takeovers after SIGKILL \(takeovers.map { String(format: "%.3f s", $0) }.joined(separator: ", "))")

        // Every lead decided exactly once, whichever worker decided it; the log and projections agree.
        let log = try HandoffBinary.run(["log", "--db", database, "--json", "--limit", "100000"], in: directory)
        let decided = log.stdout.split(separator: "\n").filter {
            $0.contains("\"actor\":\"router\"") && ($0.contains("\"kind\":\"assigned\"") || $0.contains("\"kind\":\"flagged\""))
        }
        #expect(decided.count == 600, "\(decided.count) decisions for 600 leads")
        let doctor = try HandoffBinary.run(["doctor", "--db", database], in: directory)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let audit = try HandoffBinary.run(["audit", "verify", "--db", database], in: directory)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    }
}
