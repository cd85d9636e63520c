import HandoffPostgres
import Synchronization
import Testing

/// Drops the PostgreSQL databases a test case made (`Engine.fresh`) once it has run, so a server that many
/// runs of the suite use holds only the databases of the tests running now. Every suite of the contract
/// suite carries it: `@Suite(.dropsItsDatabases)`.
struct DropsItsDatabases: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    /// One scope a test case: each case (an engine) makes and drops its own databases.
    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? { testCase == nil ? nil : self }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let made = MadeDatabases()
        do {
            try await MadeDatabases.$current.withValue(made) { try await function() }
        } catch {
            try await made.drop()
            throw error
        }
        try await made.drop()
    }
}

extension Trait where Self == DropsItsDatabases {
    static var dropsItsDatabases: Self { Self() }
}

/// The databases made in one test case's scope. `onThread` carries the scope into the threads store work
/// runs on, where `PostgresServer.freshDatabase` adds each database it makes.
final class MadeDatabases: Sendable {
    @TaskLocal static var current: MadeDatabases?

    private let names = Mutex<[String]>([])

    func add(_ name: String) { names.withLock { $0.append(name) } }

    /// Drops them, ending any connection a store of the test left open.
    func drop() async throws {
        let names = names.withLock { names in defer { names.removeAll() }; return names }
        guard !names.isEmpty else { return }
        try await onThread { try PostgresServer.drop(names) }
    }
}
