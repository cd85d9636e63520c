import Foundation
import HandoffPostgres
import Testing

/// The PostgreSQL server the tests use: HANDOFF_TEST_POSTGRES_URL (`.ci/postgres run swift test` sets it).
/// Without it the suites that need one are skipped, with the reason shown; with HANDOFF_REQUIRE_POSTGRES=1
/// (as CI sets it) they run anyway and fail, so a missing server can never pass as skipped tests.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["HANDOFF_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_POSTGRES"] == "1"
    /// Whether the suites that need a server run.
    static let runs = url != nil || required
    static let skipReason: Comment = "no PostgreSQL: set HANDOFF_TEST_POSTGRES_URL, or run the tests as .ci/postgres run swift test"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "HANDOFF_REQUIRE_POSTGRES=1 but HANDOFF_TEST_POSTGRES_URL is unset: start a server with .ci/postgres" }
    }

    /// The server's location (its `handoff` database).
    static func location() throws -> PostgresLocation {
        guard let url else { throw Missing() }
        return try PostgresLocation(parsing: url)
    }

    /// A new empty database of its own for one test; `drop` removes it (sessions still on it are ended).
    static func freshDatabase() async throws -> PostgresLocation {
        let server = try location()
        let name = "handoff_test_\(UUID().uuidString.prefix(8).lowercased())"
        try await onThread {
            let admin = try PostgresSession.open(server)
            defer { admin.close() }
            try admin.execute(sql: "CREATE DATABASE \(name)")
        }
        var location = server
        location.database = name
        return location
    }

    static func drop(_ location: PostgresLocation) async throws {
        let server = try self.location()
        try await onThread {
            let admin = try PostgresSession.open(server)
            defer { admin.close() }
            try admin.execute(sql: "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
        }
    }
}

/// Runs `body` on a thread of its own and awaits its answer: blocking store calls never run on a task's
/// thread (`BlockingBridge`), in tests as in the product.
func onThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// Polls `condition` every `every` seconds until it holds or `timeout` seconds pass; returns the seconds it
/// took, or nil.
func seconds(within timeout: Double, every: Double = 0.01, until condition: () throws -> Bool) rethrows -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
        if try condition() { return Date().timeIntervalSince(start) }
        Thread.sleep(forTimeInterval: every)
    }
    return try condition() ? Date().timeIntervalSince(start) : nil
}

/// The same from async code: polls every 10 ms without blocking a thread.
func eventually(within timeout: Double, until condition: @Sendable () async throws -> Bool) async rethrows -> Double? {
    let clock = ContinuousClock(), start = clock.now
    func elapsed() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    while elapsed() < timeout {
        if try await condition() { return elapsed() }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition() ? elapsed() : nil
}
