import PostgresNIO

/// The event loop thread Handoff's PostgreSQL connections run on: one of its own, so the store's I/O never
/// shares a loop with `handoff serve`'s HTTP (which runs on NIO's shared loops), and nothing of the store
/// blocks it (`BlockingBridge`). One thread is plenty: it only moves bytes; the waiting is done by the
/// callers' threads.
public enum PostgresThreads {
    public static let group: MultiThreadedEventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
