import Foundation
import Testing

@Suite struct LogFollowTests {
    /// `log --follow` prints what another process writes, and Ctrl-C ends it with exit 0.
    @Test func followPrintsNewEventsUntilInterrupted() throws {
        let w = try Workspace(leads: 3)
        guard let url = HandoffBinary.url else { throw HandoffBinary.NotBuilt() }
        let output = w.directory.appendingPathComponent("follow.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = url
        process.arguments = ["log", "--follow", "--limit", "1", "--db", "demo.db"]
        process.currentDirectoryURL = w.directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // The runner may block SIGTERM for its children; SIGKILL always ends a follower left behind.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func printed() -> String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        func wait(for text: String) -> Bool {
            for _ in 0..<100 where !printed().contains(text) { Thread.sleep(forTimeInterval: 0.05) }
            return printed().contains(text)
        }
        #expect(wait(for: "TIME"))
        let note = try w.act(["annotate", "L-0000002", "seen while following"])
        #expect(note.status == 0, "\(note.stderr)")
        #expect(wait(for: "seen while following"), "\(printed())")

        process.interrupt()
        for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        try #require(!process.isRunning, "log --follow did not stop on SIGINT")
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// `log --follow --json` is the server's feed on the command line: JSON Lines, one entry a line, in
    /// order, including what other processes write while it follows.
    @Test func followAsJSONPrintsJSONLinesOfEveryWriter() throws {
        let w = try Workspace(leads: 3)
        guard let url = HandoffBinary.url else { throw HandoffBinary.NotBuilt() }
        let output = w.directory.appendingPathComponent("follow.jsonl")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = url
        process.arguments = ["log", "--follow", "--json", "--limit", "2", "--db", "demo.db"]
        process.currentDirectoryURL = w.directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func lines() -> [String] { ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }
        for _ in 0..<100 where lines().count < 2 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(lines().count == 2, "\(lines())")
        for text in ["first note while following", "second note while following"] {
            let note = try w.act(["annotate", "L-0000001", text])
            #expect(note.status == 0, "\(note.stderr)")
        }
        for _ in 0..<100 where lines().count < 4 { Thread.sleep(forTimeInterval: 0.05) }
        process.interrupt()
        for _ in 0..<100 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)

        let objects = try lines().map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        #expect(objects.count == 4, "\(lines())")
        let seqs = objects.compactMap { $0["seq"] as? Int }
        #expect(seqs.count == objects.count && seqs == seqs.sorted() && Set(seqs).count == seqs.count)
        #expect(objects.suffix(2).map { $0["text"] as? String } == ["first note while following", "second note while following"])
        #expect(objects.suffix(2).allSatisfy { $0["kind"] as? String == "annotated" && $0["lead"] as? String == "L-0000001" })
    }
}
