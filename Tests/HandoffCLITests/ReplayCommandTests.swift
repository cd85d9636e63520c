import Foundation
import Testing

/// `handoff explain LEAD --replay` through the built binary.
@Suite struct ReplayCommandTests {
    @Test func aRoutedLeadIsReproducedAndAQueuedOneCannotBe() throws {
        let directory = try HandoffBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try HandoffBinary.run(["init"], in: directory).status == 0)
        try "email,company,country,employees\njo@globex.de,Globex,DE,4200\nmo@initech.com,Initech,US,40\n"
            .write(to: directory.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let now = ["--now", "2026-11-24T14:30:00Z"]
        #expect(try HandoffBinary.run(["import", "l.csv"] + now, in: directory).status == 0)
        let queued = try HandoffBinary.run(["explain", "1", "--replay"], in: directory)
        #expect(queued.status == 3 && queued.stderr.contains("has not been routed yet"), "\(queued.stderr)")
        #expect(try HandoffBinary.run(["route"] + now, in: directory).status == 0)
        // Later changes do not disturb the replay: it uses what was in force when the lead was decided.
        #expect(try HandoffBinary.run(["owner", "pause", "ben", "--now", "2026-11-24T15:00:00Z"], in: directory).status == 0)
        for id in ["1", "2"] {
            let replay = try HandoffBinary.run(["explain", id, "--replay"], in: directory)
            #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
            #expect(replay.stdout.contains("replayed from its recorded inputs.\nReproduced exactly: "))
        }
        #expect(try HandoffBinary.run(["explain", "9", "--replay"], in: directory).status == 4)
    }
}
