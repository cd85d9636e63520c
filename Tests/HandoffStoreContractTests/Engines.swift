import Foundation
import HandoffStore
import HandoffWorkspace
import Testing

/// The engines the contract suite runs against: every test takes each as an argument. An engine joins
/// this list when `StoreLocation` can open it; each test then runs on it unchanged.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    var testDescription: String { rawValue }

    /// A new, empty store of this engine, and a second handle on the same store (as a second process
    /// would have), for the tests that need two.
    func fresh() throws -> (store: any LeadStore, location: StoreLocation) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-contract-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let location = StoreLocation.file(folder.appendingPathComponent("handoff.db").path)
            return (try location.open(), location)
        }
    }
}

/// Runs store work on a thread of its own, as the desk and the command line do: a store's calls block
/// their caller, which must never be a task of the concurrency pool (a server engine refuses that).
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
