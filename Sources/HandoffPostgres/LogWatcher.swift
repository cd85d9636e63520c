import Foundation
import PostgresNIO

/// Tells a process when any process appended to its workspace's log: `onChange` is called, on the watcher's
/// own thread, with the newest entry's number each time it moves.
///
/// Every transaction that appends to `events` notifies the channel `handoff_log` with its newest entry's
/// number when it commits (a trigger of the schema, so every writer does, whichever process). The watcher
/// LISTENs on a connection of its own; the notification arrives on postgres-nio's event loop, which only
/// hands it over, and the watcher's thread calls `onChange`. Every `pollInterval` seconds without a
/// notification it also reads the newest number itself: connection poolers in transaction mode drop
/// LISTEN silently, and a reconnection may have missed a notification. A lost connection is opened again
/// (after `pollInterval`), and the newest number read at once, so nothing is missed for long.
public final class LogWatcher: Sendable {
    public let location: PostgresLocation
    public let pollInterval: Double
    /// False to rely on polling alone (for a pooler known to drop LISTEN).
    public let listens: Bool
    private let passwords: PasswordLookup
    private let keepalive: Keepalive
    private let onChange: @Sendable (Int64) -> Void
    private let inbox = WatcherInbox()

    public static let channel = "handoff_log"

    public init(location: PostgresLocation, pollInterval: Double = 1, listens: Bool = true, passwords: PasswordLookup = PasswordLookup(),
                keepalive: Keepalive = .standard, onChange: @escaping @Sendable (Int64) -> Void) {
        self.location = location
        self.pollInterval = pollInterval
        self.listens = listens
        self.passwords = passwords
        self.keepalive = keepalive
        self.onChange = onChange
    }

    /// The newest entry number told to `onChange` (0 before the first).
    public var newest: Int64 { inbox.delivered }

    /// Starts watching on the watcher's thread.
    public func start() {
        guard inbox.begin() else { return }
        let thread = Thread { [self] in run() }
        thread.name = "handoff.log-watcher"
        thread.start()
    }

    /// Stops watching; returns once the watcher's thread is done. Not from `onChange`.
    @available(*, noasync, message: "blocks its thread until the watcher stops")
    public func stop() {
        BlockingBridge.checkMayBlock()
        inbox.requestStop()
        inbox.waitUntilFinished()
    }

    private func run() {
        var session: PostgresSession?
        var listening: PostgresListenContext?
        defer {
            listening?.stop()
            session?.close()
            inbox.finish()
        }
        while !inbox.stopping {
            if session == nil || session?.isClosed == true {
                listening?.stop()
                listening = nil
                session?.close()
                session = nil
                do {
                    let opened = try PostgresSession.open(location, passwords: passwords, keepalive: keepalive)
                    if listens {
                        let inbox = self.inbox
                        listening = opened.connection.addListener(channel: Self.channel) { _, notification in
                            if let seq = Int64(notification.payload) { inbox.heard(seq) }
                        }
                        try opened.execute(sql: "LISTEN \(Self.channel)")
                    }
                    session = opened
                } catch {
                    inbox.wait(pollInterval)
                    continue
                }
                poll(session)
            }
            if let heard = inbox.wait(pollInterval) {
                deliver(heard)
            } else {
                poll(session)
            }
        }
    }

    /// Reads the newest entry's number and delivers it if it moved; a failure leaves the session to be opened again.
    private func poll(_ session: PostgresSession?) {
        guard let session else { return }
        do {
            let newest = try session.value("SELECT coalesce(max(seq), 0)::bigint FROM events", as: Int64.self) ?? 0
            deliver(newest)
        } catch {
            session.close()
        }
    }

    private func deliver(_ seq: Int64) {
        if inbox.advance(to: seq) { onChange(seq) }
    }
}

/// What the event loop hands the watcher's thread, and the watcher's life.
// Safe to share: every stored property is read and written only while `condition` is locked.
private final class WatcherInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Int64?
    private var newestDelivered: Int64 = 0
    private var started = false
    private var stopRequested = false
    private var finished = true

    var delivered: Int64 { locked { newestDelivered } }
    var stopping: Bool { locked { stopRequested } }

    func begin() -> Bool {
        locked {
            guard !started else { return false }
            started = true
            finished = false
            return true
        }
    }

    /// Called on the event loop: records the number and wakes the watcher, nothing more.
    func heard(_ seq: Int64) {
        locked {
            pending = max(pending ?? 0, seq)
            condition.broadcast()
        }
    }

    /// The newest number heard, waiting up to `seconds` for one; nil when none came (or a stop was asked).
    @discardableResult
    func wait(_ seconds: Double) -> Int64? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        return locked {
            while pending == nil, !stopRequested, condition.wait(until: deadline) {}
            defer { pending = nil }
            return pending
        }
    }

    /// True when `seq` is newer than anything delivered: it becomes the newest.
    func advance(to seq: Int64) -> Bool {
        locked {
            guard seq > newestDelivered else { return false }
            newestDelivered = seq
            return true
        }
    }

    func requestStop() {
        locked {
            stopRequested = true
            condition.broadcast()
        }
    }

    func finish() {
        locked {
            finished = true
            condition.broadcast()
        }
    }

    func waitUntilFinished() {
        locked {
            while !finished { condition.wait() }
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
