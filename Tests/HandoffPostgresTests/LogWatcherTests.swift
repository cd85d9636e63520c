import Foundation
import Synchronization
import HandoffPostgres
import PostgresNIO
import Testing

@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct LogWatcherTests {
    /// Appends one log entry (and its lead) in one transaction, as a writer does; returns the entry's number.
    @available(*, noasync)
    static func append(_ session: PostgresSession) throws -> Int64 {
        try session.transaction { tx in
            let seq = (try tx.value("SELECT coalesce(max(seq), 0)::bigint + 1 FROM events", as: Int64.self) ?? 1)
            try tx.execute("""
                INSERT INTO leads (seq, id, idem_key, received_at, state, version, updated_at)
                VALUES (\(seq), \("L-\(seq)"), \("k\(seq)"), 1764000000.5, 'received', 1, 1764000000.5)
                """)
            try tx.execute("""
                INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash)
                VALUES (\(seq), \(seq), 'received', 1764000000.5, 'intake', 1, \(ByteBuffer(repeating: 7, count: 32)))
                """)
            return seq
        }
    }

    /// Each commit is heard long before the poll could tell it, so by notification. How fast is a figure
    /// for the benchmark (`Benchmarks/postgres/console-sees.sh`), not for a test on a shared machine.
    @Test func aCommitInOneConnectionReachesAnothersListenerByNotification() async throws {
        let location = try await RoutingLeaseTests.workspace()
        let heard = HeardNumbers()
        // A poll interval far beyond the bound, so only a notification can be in time.
        let watcher = LogWatcher(location: location, pollInterval: 30) { heard.record($0) }
        watcher.start()
        let delays = try await onThread { () -> [Double] in
            let writer = try PostgresSession.open(location)
            defer { writer.close() }
            // The watcher is listening once it has told the first entry (by its first read after LISTEN, or by notification).
            let first = try Self.append(writer)
            guard seconds(within: 30, until: { heard.newest >= first }) != nil else { return [] }
            var delays: [Double] = []
            for _ in 0..<20 {
                let seq = try Self.append(writer)
                delays.append(seconds(within: 1, every: 0.0005) { heard.newest >= seq } ?? .infinity)
            }
            return delays
        }
        try #require(delays.count == 20, "the watcher never told the first entry")
        let sorted = delays.sorted()
        print("log watcher: commit to callback, median \(String(format: "%.1f", sorted[sorted.count / 2] * 1000)) ms, max \(String(format: "%.1f", sorted.last! * 1000)) ms over \(sorted.count) commits")
        #expect(sorted.last! < 1, "a commit was not heard within 1 s while the poll waits 30 s")
        #expect(heard.all == Array(1...21))
        try await onThread { watcher.stop() }
        try await TestServer.drop(location)
    }

    @Test func withoutNotificationsThePollStillTells() async throws {
        let location = try await RoutingLeaseTests.workspace()
        let heard = HeardNumbers()
        let watcher = LogWatcher(location: location, pollInterval: 0.1, listens: false) { heard.record($0) }
        watcher.start()
        let took = try await onThread {
            let writer = try PostgresSession.open(location)
            defer { writer.close() }
            let seq = try Self.append(writer)
            return seconds(within: 2) { heard.newest >= seq }
        }
        #expect(took != nil)
        #expect(try #require(took) < 0.5)
        try await onThread { watcher.stop() }
        try await TestServer.drop(location)
    }

    @Test func aLostConnectionIsOpenedAgainAndNothingIsMissed() async throws {
        let location = try await RoutingLeaseTests.workspace()
        let heard = HeardNumbers()
        let watcher = LogWatcher(location: location, pollInterval: 0.2) { heard.record($0) }
        watcher.start()
        try await onThread {
            let writer = try PostgresSession.open(location)
            defer { writer.close() }
            let first = try Self.append(writer)
            #expect(seconds(within: 2) { heard.newest >= first } != nil)
            // End the watcher's session from the server's side, write while it is gone, and see the write arrive.
            try writer.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                """)
            let second = try Self.append(writer)
            let third = try Self.append(writer)
            #expect(seconds(within: 3) { heard.newest >= third } != nil)
            #expect(heard.all.contains(second) || heard.all.contains(third))
        }
        try await onThread { watcher.stop() }
        try await TestServer.drop(location)
    }
}

/// The numbers a watcher told, in order.
final class HeardNumbers: Sendable {
    private let numbers = Mutex<[Int64]>([])

    func record(_ seq: Int64) { numbers.withLock { $0.append(seq) } }
    var all: [Int64] { numbers.withLock { $0 } }
    var newest: Int64 { numbers.withLock { $0.last ?? 0 } }
}
