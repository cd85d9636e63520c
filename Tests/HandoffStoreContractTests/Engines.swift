import Foundation
import HandoffPostgres
import HandoffStore
import HandoffWorkspace
import Testing

/// The engines the contract suite runs against: every test takes each as an argument. An engine joins
/// this list when `StoreLocation` can open it; each test then runs on it unchanged.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The engines that run here: PostgreSQL needs a server (HANDOFF_TEST_POSTGRES_URL; `.ci/postgres run
    /// swift test` gives one). Without one it is left out, saying so once, unless HANDOFF_REQUIRE_POSTGRES=1
    /// (as CI sets it), under which its tests run and fail: a missing server never passes as a skip.
    static let available: [Engine] = {
        if PostgresServer.url != nil || PostgresServer.required { return allCases }
        print("Store contract: PostgreSQL left out: set HANDOFF_TEST_POSTGRES_URL, or run the tests as .ci/postgres run swift test")
        return [.sqlite]
    }()

    var testDescription: String { rawValue }

    /// A new, empty store of this engine, for the tests that need one handle only.
    func store() throws -> any LeadStore { try fresh().store }

    /// A new, empty store of this engine, and a second handle on the same store (as a second process
    /// would have), for the tests that need two.
    func fresh() throws -> (store: any LeadStore, location: StoreLocation) {
        switch self {
        case .sqlite:
            let location = StoreLocation.file(try temporaryFolder().appendingPathComponent("handoff.db").path)
            return (try location.open(), location)
        case .postgres:
            let location = StoreLocation.postgres(try PostgresServer.freshDatabase())
            return (try location.open(creating: true), location)
        }
    }
}

/// The PostgreSQL server the contract suite runs against, from HANDOFF_TEST_POSTGRES_URL. Each test gets
/// a database of its own, dropped when it ends (`DropsItsDatabases`).
enum PostgresServer {
    static let url = ProcessInfo.processInfo.environment["HANDOFF_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["HANDOFF_REQUIRE_POSTGRES"] == "1"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "HANDOFF_REQUIRE_POSTGRES=1 but HANDOFF_TEST_POSTGRES_URL is unset: start a server with .ci/postgres" }
    }

    /// A new database on the server holding Handoff's schema and nothing else, as `handoff init` leaves
    /// it. Called from a test's own thread.
    static func freshDatabase() throws -> PostgresLocation {
        let location = try create(copying: try template.get())
        MadeDatabases.current?.add(location.database)
        return location
    }

    /// Drops databases this suite made, ending the connections still open to them.
    static func drop(_ names: [String]) throws {
        guard let url else { throw Missing() }
        let admin = try PostgresSession.open(try PostgresLocation(parsing: url))
        defer { admin.close() }
        for name in names { try admin.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// A database migrated once for the run, which every test's database is a copy of: copying it
    /// (`CREATE DATABASE ... TEMPLATE`) costs a fraction of running the migrations for each test.
    static let template = Result<String, any Error> {
        let location = try create(copying: nil)
        let session = try PostgresSession.open(location)
        // Closed before any copy is made: PostgreSQL copies only a database nobody is connected to.
        defer { session.close() }
        try PostgresMigrator.create(in: session)
        return location.database
    }

    private static func create(copying template: String?) throws -> PostgresLocation {
        guard let url else { throw Missing() }
        let server = try PostgresLocation(parsing: url)
        let name = "handoff_contract_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let admin = try PostgresSession.open(server)
        defer { admin.close() }
        try admin.execute(sql: "CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? ""))
        var location = server
        location.database = name
        return location
    }
}

/// Runs store work on a thread of its own, as the desk and the command line do: a store's calls block
/// their caller, which must never be a task of the concurrency pool (a server engine refuses that).
/// The test case's scope (`MadeDatabases`) goes along, so the databases made there are dropped with it.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let made = MadeDatabases.current
    return try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try MadeDatabases.$current.withValue(made) { try body() } }) }
        thread.start()
    }
}
