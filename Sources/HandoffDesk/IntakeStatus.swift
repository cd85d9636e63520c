import Foundation
import HandoffStore
#if canImport(Glibc)
import Glibc
#endif

/// What a running `handoff serve` tells other processes about its intake: requests and leads taken in
/// over the last minute and records or requests it refused, with its process id and when it wrote. It
/// lives in a small file beside the database (`handoff.db-serve`), rewritten whole (a new file renamed
/// over the old) about once a second, so a reader never sees half of one; the console's header shows
/// the figures while they are fresh and their writer runs.
public struct IntakeStatus: Codable, Sendable, Equatable {
    public var pid: Int32
    /// When the figures were counted (the wall clock, not a desk's set clock).
    public var at: Date
    /// The address serve listens on.
    public var listen: String
    /// Intake requests (`/v1/leads`, `/hooks/...`) answered over the last 60 s.
    public var requestsPerMinute: Int
    /// Leads stored over the last 60 s (repeats of a stored lead not counted).
    public var leadsPerMinute: Int
    /// Intake requests refused (4xx, 5xx) and records quarantined over the last 60 s.
    public var rejectedPerMinute: Int

    enum CodingKeys: String, CodingKey {
        case pid, at, listen
        case requestsPerMinute = "requests_per_minute"
        case leadsPerMinute = "leads_per_minute"
        case rejectedPerMinute = "rejected_per_minute"
    }

    public init(pid: Int32, at: Date, listen: String, requestsPerMinute: Int, leadsPerMinute: Int, rejectedPerMinute: Int) {
        self.pid = pid
        self.at = at
        self.listen = listen
        self.requestsPerMinute = requestsPerMinute
        self.leadsPerMinute = leadsPerMinute
        self.rejectedPerMinute = rejectedPerMinute
    }

    /// Figures older than this are not shown: their writer has stopped or hangs.
    public static let freshFor: TimeInterval = 5

    /// The status file of the database at `database`.
    public static func path(forDatabase database: String) -> String { database + "-serve" }

    /// Writes the file whole: a reader finds the old figures or the new, never a mix.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(self)
        data.append(0x0A)
        let temporary = path + ".\(pid).tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot replace \(path): \(reason)"])
        }
    }

    /// The figures at `path` when they are fresh at `now` and their writer still runs; nil otherwise
    /// (no server, a stopped or killed one, a file that is not one of these).
    public static func read(at path: String, now: Date, running: (Int32) -> Bool = IntakeStatus.isRunning) -> IntakeStatus? {
        guard let status = load(path) else { return nil }
        let age = now.timeIntervalSince(status.at)
        // A little ahead is two clocks read a moment apart; far ahead is not to be trusted.
        guard age < freshFor, age > -freshFor, running(status.pid) else { return nil }
        return status
    }

    /// Removes the file if `pid` wrote it (a newer server's file is left alone).
    public static func remove(at path: String, pid: Int32) {
        guard load(path)?.pid == pid else { return }
        unlink(path)
    }

    private static func load(_ path: String) -> IntakeStatus? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4_096 else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(IntakeStatus.self, from: data)
    }

    /// Whether a process with this id exists (signal 0 only asks).
    public static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}

extension Desk {
    /// The intake status file beside this desk's database, when it is a file.
    public var intakeStatusPath: String? {
        store.file.map(IntakeStatus.path(forDatabase:))
    }
}
