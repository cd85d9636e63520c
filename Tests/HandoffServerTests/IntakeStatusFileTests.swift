import Foundation
import HandoffDesk
import Testing

/// The status file serve writes beside the database and a console reads: whole, fresh, from a live writer.
struct IntakeStatusFileTests {
    let now = Date(timeIntervalSince1970: 1_764_844_699)

    func file() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString).db-serve").path }

    @Test func writtenFiguresAreReadBackWhileFreshAndTheirWriterRuns() throws {
        let path = file()
        defer { unlink(path) }
        let status = IntakeStatus(pid: getpid(), at: now, listen: "127.0.0.1:8420", requestsPerMinute: 42, leadsPerMinute: 118, rejectedPerMinute: 3)
        try status.write(to: path)
        #expect(IntakeStatus.read(at: path, now: now.addingTimeInterval(1)) == status)
        // Stale: the writer stopped or hangs.
        #expect(IntakeStatus.read(at: path, now: now.addingTimeInterval(IntakeStatus.freshFor + 1)) == nil)
        // Fresh, but its process is gone (killed: it never removed the file).
        #expect(IntakeStatus.read(at: path, now: now.addingTimeInterval(1), running: { _ in false }) == nil)
        // Only its own writer removes it.
        IntakeStatus.remove(at: path, pid: getpid() + 1)
        #expect(FileManager.default.fileExists(atPath: path))
        IntakeStatus.remove(at: path, pid: getpid())
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(IntakeStatus.read(at: path, now: now) == nil)
    }

    @Test func aFileThatIsNotOneIsIgnored() throws {
        let path = file()
        defer { unlink(path) }
        try Data("not json at all".utf8).write(to: URL(fileURLWithPath: path))
        #expect(IntakeStatus.read(at: path, now: now) == nil)
        try Data(repeating: 0x41, count: 100_000).write(to: URL(fileURLWithPath: path))
        #expect(IntakeStatus.read(at: path, now: now) == nil)
    }

    @Test func theFileSitsBesideTheDatabase() {
        #expect(IntakeStatus.path(forDatabase: "/work/handoff.db") == "/work/handoff.db-serve")
    }
}
