#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread the caller waits for to end (`join`), for a writer that stores what the calling thread
/// reads: once `join` returns, nothing the thread's work captured (a store, its connections) is still
/// held by it, so a command that ends right after closes its database as it would without the thread.
/// (A `Foundation.Thread` keeps its closure until the thread object goes away, some time after the
/// work signalled it was done; a store released that late was not checkpointed before the process exited.)
package struct WriterThread: ~Copyable {
    private let thread: pthread_t

    /// Starts `work` on a new thread.
    package init(_ work: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            // Released here, on the thread, before it ends: `join` returns after.
            Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, box)
        precondition(started == 0, "a thread could not be started (error \(started))")
        self.thread = thread
    }

    /// Waits for the work to end and the thread to finish.
    package consuming func join() {
        _ = pthread_join(thread, nil)
    }

    private final class Work {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
