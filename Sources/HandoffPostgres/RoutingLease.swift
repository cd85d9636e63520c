import Foundation
import PostgresNIO

/// Where a routing core stands with its workspace's routing lease.
public enum LeaseStanding: Sendable, Hashable {
    /// Not started yet, or stopped.
    case idle
    /// This core holds the lease: it is the one that decides. `epoch` is its fencing token (`RoutingLease.confirm`).
    case holding(epoch: Int64)
    /// Another core holds it (the last one to take it, by the name it gave); this one polls to take over.
    case standingBy(holder: String?)
    /// The database cannot be reached (or stopped answering while this core held the lease, which it then
    /// gave up): this core decides nothing until it is reachable and the lease is free.
    case unreachable(reason: String)
}

/// How often a lease polls and checks on its connection.
public struct LeaseTiming: Sendable, Hashable {
    /// Seconds between a standby's attempts to take the lease.
    public var poll: Double
    /// Seconds between a holder's checks that the database still answers.
    public var heartbeat: Double
    /// Seconds a holder waits for that answer before giving the lease up.
    public var heartbeatTimeout: Double

    public init(poll: Double, heartbeat: Double, heartbeatTimeout: Double) {
        self.poll = poll
        self.heartbeat = heartbeat
        self.heartbeatTimeout = heartbeatTimeout
    }

    /// A standby tries every 0.5 s; a holder checks every second and gives up after 2 s without an answer.
    public static let standard = LeaseTiming(poll: 0.5, heartbeat: 1, heartbeatTimeout: 2)
}

/// One active routing core per workspace: the core that holds a session-level advisory lock
/// (`AdvisoryKeys.routing`) on a connection of the lease's own decides; others stand by, trying to take it
/// every `timing.poll` seconds.
///
/// - A holder whose process dies (kill -9 included) loses its connection; PostgreSQL ends the session and
///   with it the lock, and a standby takes it within one poll.
/// - A holder whose machine or network vanishes is noticed by the server's keepalive
///   (`Keepalive.bound`, 11 s by default), which ends the session and frees the lock. The holder itself
///   gives the lease up first: after `heartbeat + heartbeatTimeout` seconds (3 s) without an answer it
///   reports `.unreachable` and stops deciding, well before any standby can take over.
/// - Taking the lease bumps `routing_lease.epoch`: a write made on behalf of a holder checks its epoch in
///   its own transaction (`confirm`), so a holder that lost the lease without knowing yet cannot commit
///   decisions after a new holder has started.
///
/// The lease runs on a thread of its own; `onChange` is called there at every change of standing.
public final class RoutingLease: Sendable {
    public let location: PostgresLocation
    /// How this core names itself to the others (shown by their `.standingBy`).
    public let holder: String
    public let timing: LeaseTiming
    private let passwords: PasswordLookup
    private let keepalive: Keepalive
    private let onChange: @Sendable (LeaseStanding) -> Void
    private let control = LeaseControl()

    public init(location: PostgresLocation, holder: String, passwords: PasswordLookup = PasswordLookup(), keepalive: Keepalive = .standard,
                timing: LeaseTiming = .standard, onChange: @escaping @Sendable (LeaseStanding) -> Void = { _ in }) {
        self.location = location
        self.holder = holder
        self.passwords = passwords
        self.keepalive = keepalive
        self.timing = timing
        self.onChange = onChange
    }

    /// Where this core stands now.
    public var standing: LeaseStanding { control.standing }

    /// Starts standing by (and taking the lease when it is free) on the lease's thread.
    public func start() {
        guard control.begin() else { return }
        let thread = Thread { [self] in run() }
        thread.name = "handoff.routing-lease"
        thread.start()
    }

    /// Gives the lease up (if held) and stops; returns once the lock is released. Not from `onChange`.
    @available(*, noasync, message: "blocks its thread until the lease is released")
    public func stop() {
        BlockingBridge.checkMayBlock()
        control.requestStop()
        control.waitUntilFinished()
    }

    /// Refuses, inside the caller's transaction, a write on behalf of the holder of `epoch` when the lease
    /// has moved on. The row is read FOR SHARE, so a new holder's epoch bump waits for this transaction:
    /// the write commits before the takeover or not at all.
    @available(*, noasync, message: "blocks its thread")
    public static func confirm(epoch: Int64, in session: PostgresSession) throws {
        let current = try session.row("SELECT epoch, holder FROM routing_lease FOR SHARE", as: (Int64, String?).self)
        guard let current, current.0 == epoch else {
            throw PostgresFailure(.server, """
                the routing lease has moved on (epoch \(current?.0 ?? 0), held by \(current?.1 ?? "nobody"); this core had \(epoch)): \
                it no longer decides, and this write is refused
                """)
        }
    }

    /// Takes the lease on `session` when no session holds it, naming `holder` and counting the epoch up: the
    /// new epoch, or nil when another session holds it. Never waits. After a failure the caller closes the
    /// session, which frees the lock if it was taken.
    @available(*, noasync, message: "blocks its thread")
    static func take(on session: PostgresSession, holder: String) throws -> Int64? {
        guard try session.value("SELECT pg_try_advisory_lock(\(AdvisoryKeys.application), \(AdvisoryKeys.routing))", as: Bool.self) == true else {
            return nil
        }
        let epoch = try session.value("""
            UPDATE routing_lease SET epoch = epoch + 1, holder = \(holder), since = extract(epoch FROM clock_timestamp())
            RETURNING epoch
            """, as: Int64.self)
        guard let epoch else { throw PostgresFailure(.server, "the workspace's routing_lease row is missing: run handoff doctor") }
        return epoch
    }

    /// Gives up the lease `session` holds.
    @available(*, noasync, message: "blocks its thread")
    static func release(on session: PostgresSession) throws {
        try session.execute("SELECT pg_advisory_unlock(\(AdvisoryKeys.application), \(AdvisoryKeys.routing))")
    }

    /// The holder's name while some session holds the lease; nil when none does (the row keeps the last
    /// holder's name after it ends).
    @available(*, noasync, message: "blocks its thread")
    static func holder(on session: PostgresSession) throws -> String? {
        try session.value("""
            SELECT holder FROM routing_lease WHERE EXISTS (
                SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND granted
                    AND classid::bigint = \(Int64(AdvisoryKeys.application)) AND objid::bigint = \(Int64(AdvisoryKeys.routing))
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """, as: String?.self) ?? nil
    }

    private func run() {
        var session: PostgresSession?
        defer {
            if let session {
                if case .holding = control.standing { try? Self.release(on: session) }
                session.close()
            }
            publish(.idle)
            control.finish()
        }
        while !control.stopping {
            if session == nil || session?.isClosed == true {
                session?.close()
                session = nil
                if case .holding = control.standing {
                    // The lock went with the session: a new connection holds nothing.
                    publish(.unreachable(reason: "the connection to PostgreSQL at \(location.endpoint) ended; the routing lease went with it"))
                    control.sleep(2 * timing.poll)
                    continue
                }
                do {
                    session = try PostgresSession.open(location, passwords: passwords, keepalive: keepalive)
                } catch {
                    publish(.unreachable(reason: "\(error)"))
                    control.sleep(timing.poll)
                    continue
                }
            }
            guard let current = session else { continue }
            if case .holding = control.standing {
                if current.answers(within: timing.heartbeatTimeout) {
                    control.sleep(timing.heartbeat)
                } else {
                    current.close()
                    session = nil
                    publish(.unreachable(reason: "PostgreSQL at \(location.endpoint) did not answer within \(timing.heartbeatTimeout) s; the routing lease is given up"))
                    // A core that just lost its session leaves the first try to the standbys, whose connections held.
                    control.sleep(2 * timing.poll)
                }
                continue
            }
            do {
                if let epoch = try Self.take(on: current, holder: holder) {
                    publish(.holding(epoch: epoch))
                } else {
                    let last = try current.value("SELECT holder FROM routing_lease", as: String?.self) ?? nil
                    publish(.standingBy(holder: last))
                    control.sleep(timing.poll)
                }
            } catch {
                // Closing the session releases the lock if it was taken before the failure.
                current.close()
                session = nil
                publish(.unreachable(reason: "\(error)"))
                control.sleep(timing.poll)
            }
        }
    }

    private func publish(_ standing: LeaseStanding) {
        if control.change(to: standing) { onChange(standing) }
    }
}

/// The lease's state shared between its thread and its callers.
// Safe to share: every stored property is read and written only while `condition` is locked.
private final class LeaseControl: @unchecked Sendable {
    private let condition = NSCondition()
    private var current: LeaseStanding = .idle
    private var started = false
    private var stopRequested = false
    private var finished = true

    var standing: LeaseStanding { locked { current } }
    var stopping: Bool { locked { stopRequested } }

    /// True the first time: the lease may start.
    func begin() -> Bool {
        locked {
            guard !started else { return false }
            started = true
            finished = false
            return true
        }
    }

    /// True when `standing` is a change.
    func change(to standing: LeaseStanding) -> Bool {
        locked {
            guard current != standing else { return false }
            current = standing
            return true
        }
    }

    func requestStop() {
        locked {
            stopRequested = true
            condition.broadcast()
        }
    }

    /// Waits `seconds`, or less when a stop is requested.
    func sleep(_ seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        locked {
            while !stopRequested, condition.wait(until: deadline) {}
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
