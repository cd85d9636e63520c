import Foundation
import Testing

/// `handoff worker`: one routing core a workspace; the others stand by and take over when it dies.
@Suite struct WorkerTests {
    /// A worker started in the background, its output in a file.
    final class Running {
        let process = Process()
        let output: URL

        init(_ directory: URL, name: String) throws {
            guard let url = HandoffBinary.url else { throw HandoffBinary.NotBuilt() }
            output = directory.appendingPathComponent("\(name).out")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.executableURL = url
            process.arguments = ["worker", "--now", "2026-11-24T14:30:00Z", "--operator", name]
            process.currentDirectoryURL = directory
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        var printed: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Polls the output for `text` for up to `seconds`.
        func wait(for text: String, seconds: Double = 15) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !printed.contains(text) { Thread.sleep(forTimeInterval: 0.05) }
            return printed.contains(text)
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func leads(_ from: Int, _ count: Int) -> String {
        "email,company,country,employees\n" + (from..<(from + count)).map { "p\($0)@globex.de,Globex,DE,4200" }.joined(separator: "\n") + "\n"
    }

    /// Polls until no lead is queued; false after `seconds`.
    static func drained(_ directory: URL, seconds: Double = 15) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let queued = try HandoffBinary.run(["leads", "--state", "received", "--json"], in: directory)
            if queued.status == 0, queued.stdout.contains("\"leads\" : [\n\n  ]") || queued.stdout.contains("\"leads\" : []") { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test func oneWorkerRoutesTheOtherStandsByAndTakesOverWhenTheFirstIsKilled() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)

        let first = try Running(directory, name: "first")
        #expect(first.wait(for: "handoff worker: routing"), "\(first.printed)")
        let second = try Running(directory, name: "second")
        #expect(second.wait(for: "standing by; the routing core is held by handoff worker"), "\(second.printed)")
        #expect(second.printed.contains("pid \(first.process.processIdentifier)"), "\(second.printed)")

        try Self.leads(0, 20).write(to: directory.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "a.csv", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        #expect(try Self.drained(directory), "the active worker routes what is imported")

        first.kill9()
        let killed = Date()
        #expect(second.wait(for: "handoff worker: routing", seconds: 5), "took over within 5 s: \(second.printed)")
        let takeover = Date().timeIntervalSince(killed)
        #expect(takeover < 5)
        print("handoff worker: the standby routed \(String(format: "%.2f", takeover)) s after the active worker's SIGKILL")
        try Self.leads(20, 20).write(to: directory.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        #expect(try HandoffBinary.run(["import", "b.csv", "--now", "2026-11-24T14:30:00Z"], in: directory).status == 0)
        #expect(try Self.drained(directory), "the worker that took over routes what is imported next")

        // Every lead decided exactly once, whichever worker decided it.
        let log = try HandoffBinary.run(["log", "--json", "--limit", "1000"], in: directory)
        let decided = log.stdout.split(separator: "\n").filter { $0.contains("\"kind\":\"assigned\"") || $0.contains("\"kind\":\"flagged\"") }
        #expect(decided.count == 40, "\(decided.count) decisions for 40 leads")
        #expect(try HandoffBinary.run(["doctor"], in: directory).status == 0)

        second.process.interrupt()
        #expect(second.wait(for: "handoff worker: stopped"), "\(second.printed)")
    }
}
