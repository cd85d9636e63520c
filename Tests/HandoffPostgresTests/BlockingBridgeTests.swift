import Foundation
import HandoffPostgres
import PostgresNIO
import Testing

/// The store's synchronous calls block only threads of their own: never an event loop, never a task.
@Suite struct BlockingBridgeTests {
    @Test func aThreadOfItsOwnMayBlock() async throws {
        #expect(try await onThread { BlockingBridge.refusal } == nil)
    }

    @Test func aTaskMayNot() {
        #expect(BlockingBridge.refusal?.contains("Swift concurrency task") == true)
    }

    @Test func anEventLoopMayNot() async throws {
        let refusal = try await PostgresThreads.group.next().submit { BlockingBridge.refusal }.get()
        #expect(refusal?.contains("event loop") == true)
    }

    /// The compiler refuses the blocking calls in async code (they are `noasync`); a synchronous helper
    /// hides them from it, and the check at run time stops the process instead of blocking.
    @Test func blockingFromATaskStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            openSomewhere()
        }
    }
}

private func openSomewhere() {
    let location = PostgresLocation(user: "nobody", host: "127.0.0.1", port: 1, database: "none")
    _ = try? PostgresSession.open(location)
}
