import PostgresNIO

/// How the store's synchronous callers wait for PostgreSQL. postgres-nio does its I/O on NIO event loops
/// and answers with futures; a synchronous caller (the desk's thread, the command line's main thread, a
/// writer thread of `handoff serve`) blocks **its own** thread until the answer comes.
///
/// The invariant: that thread is never an event loop (it would wait on itself: the answer is delivered on
/// an event loop) and never a thread of the Swift concurrency pool (a few such threads serve every task
/// of the process; blocking one stalls unrelated work, and blocking all of them deadlocks). `wait` checks
/// both on every call and stops the process with a message naming the mistake, in release builds too:
/// a deadlock found in production is far costlier than the two checks (a thread-local read each).
/// Async code reaches the store through a thread of its own (as `handoff serve`'s writer does), never
/// by calling these functions from a task.
public enum BlockingBridge {
    /// Why the current thread may not block, or nil when it may.
    public static var refusal: String? {
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            return "a PostgreSQL call blocked an event loop thread; run store work on a thread of its own"
        }
        if withUnsafeCurrentTask(body: { $0 != nil }) {
            return "a PostgreSQL call blocked a Swift concurrency task; hand store work to a thread of its own and await its answer"
        }
        return nil
    }

    /// Stops the process when the current thread is one that must not block (see above).
    public static func checkMayBlock(file: StaticString = #fileID, line: UInt = #line) {
        if let refusal { preconditionFailure(refusal, file: file, line: line) }
    }

    /// Blocks the calling thread until `future` completes, after checking it may.
    @available(*, noasync, message: "blocks its thread: call it from a thread of its own, not from async code")
    static func wait<Value: Sendable>(_ future: EventLoopFuture<Value>, file: StaticString = #fileID, line: UInt = #line) throws -> Value {
        checkMayBlock(file: file, line: line)
        return try future.wait()
    }
}
