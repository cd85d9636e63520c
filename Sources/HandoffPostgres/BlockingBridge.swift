import Foundation
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

    /// Blocks the calling thread until `future` completes or `timeout` seconds pass; nil on the timeout (the
    /// future is left to complete unwatched). For answers that must come in time, such as a lease's heartbeat
    /// over a network that may have vanished.
    @available(*, noasync, message: "blocks its thread: call it from a thread of its own, not from async code")
    static func wait<Value: Sendable>(_ future: EventLoopFuture<Value>, timeout: Double, file: StaticString = #fileID, line: UInt = #line) throws -> Value? {
        checkMayBlock(file: file, line: line)
        let mailbox = Mailbox<Result<Value, any Error>>()
        future.whenComplete { mailbox.put($0) }
        return try mailbox.take(within: timeout)?.get()
    }
}

/// One value handed from one thread to another, awaited with a time limit.
// Safe to share: `value` is only read or written while `condition` is locked.
final class Mailbox<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func put(_ value: Value) {
        condition.lock()
        self.value = value
        condition.broadcast()
        condition.unlock()
    }

    /// The value, waiting up to `seconds` for it; nil if none came.
    func take(within seconds: Double) -> Value? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while value == nil {
            if !condition.wait(until: deadline) { break }
        }
        return value
    }
}
