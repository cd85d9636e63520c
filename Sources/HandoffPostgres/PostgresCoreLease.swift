import Foundation
import HandoffStore
import Synchronization

/// The routing lease (`RoutingLease`'s advisory lock, epoch and holder name) as a `CoreLease`, for the
/// routing cores that ask before each pass (`RoutingTurn`) instead of running the lease on a thread of its
/// own. The lock is held on a connection of the lease's own, so it is taken by one handle at a time across
/// processes and freed when its process ends, however it ends (PostgreSQL ends the session with the
/// connection, and the lock with the session); a `RoutingLease` on the same database takes turns with it.
public final class PostgresCoreLease: CoreLease {
    private struct State {
        var session: PostgresSession?
        /// The fencing epoch taken with the lease (`RoutingLease.confirm`), while held; the store's routing
        /// writes carry it (`RoutingFence`).
        var epoch: Int64? { didSet { fence?.held(epoch) } }
        let fence: RoutingFence?
        /// When the holder's connection last answered.
        var answered = Date.distantPast
    }

    public let location: PostgresLocation
    private let passwords: PasswordLookup
    private let name: String
    /// Seconds between a holder's checks that its connection still answers, and how long it waits for the answer
    /// before counting the lease as lost.
    private let heartbeat: Double
    private let timeout: Double
    private let state: Mutex<State>

    public convenience init(location: PostgresLocation, passwords: PasswordLookup = PasswordLookup(), name: String? = nil,
                            timing: LeaseTiming = .standard) {
        self.init(location: location, passwords: passwords, name: name, timing: timing, fence: nil)
    }

    /// A lease whose epoch, while held, `fence` hands to a store's routing writes.
    init(location: PostgresLocation, passwords: PasswordLookup, name: String?, timing: LeaseTiming, fence: RoutingFence?) {
        state = Mutex(State(fence: fence))
        self.location = location
        self.passwords = passwords
        // By default the process and its command, as the SQLite engine's lease names its holder.
        self.name = name ?? StoreLeaseText.processName
        heartbeat = timing.heartbeat
        timeout = timing.heartbeatTimeout
    }

    /// The fencing epoch of the lease while this handle holds it.
    public var epoch: Int64? { state.withLock { $0.epoch } }

    /// True while this handle holds the lease; false when another does, or the database cannot be asked.
    public func tryTake() throws -> Bool {
        state.withLock { state in
            if state.epoch != nil, let session = state.session {
                // The lock lives as long as its session: one that ended, or stopped answering, took it along.
                // Asked once a heartbeat, not at every pass of every core that shares the lease.
                if !session.isClosed, Date().timeIntervalSince(state.answered) < heartbeat { return true }
                if session.answers(within: timeout) {
                    state.answered = Date()
                    return true
                }
                drop(&state)
            }
            do {
                let session = try open(&state)
                state.epoch = try RoutingLease.take(on: session, holder: StoreLeaseText.holder(name: name))
                state.answered = Date()
                return state.epoch != nil
            } catch {
                // Not held, rather than thrown: `RoutingTurn` routes on an error (an SQLite lock file that cannot
                // be opened), and a core cut off from the database must decide nothing, as `RoutingLease` does.
                drop(&state)
                return false
            }
        }
    }

    public func holder() -> String? {
        state.withLock { state in
            do {
                return try RoutingLease.holder(on: try open(&state))
            } catch {
                drop(&state)
                return nil
            }
        }
    }

    public func release() {
        state.withLock { state in
            guard state.epoch != nil, let session = state.session else { return }
            do {
                try RoutingLease.release(on: session)
                state.epoch = nil
            } catch {
                drop(&state)
            }
        }
    }

    /// Ends the lease's connection, and the lease with it (from a thread that may wait; elsewhere the
    /// session closes without waiting).
    deinit {
        if BlockingBridge.refusal == nil { state.withLock { $0.session?.close() } }
    }

    /// The lease's session, opened when it has none (or its connection ended).
    private func open(_ state: inout State) throws -> PostgresSession {
        if let session = state.session, !session.isClosed { return session }
        state.epoch = nil
        let session = try PostgresSession.open(location, passwords: passwords)
        state.session = session
        return session
    }

    /// Ends the session, and with it the lock if it was held.
    private func drop(_ state: inout State) {
        state.session?.close()
        state.session = nil
        state.epoch = nil
    }
}
