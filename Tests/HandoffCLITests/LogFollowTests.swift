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
}
