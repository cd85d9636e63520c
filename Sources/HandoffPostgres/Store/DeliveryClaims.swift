import Foundation
import PostgresNIO
import Synchronization

/// The deliveries one store has handed out (`dueDeliveries`) and not yet seen answered
/// (`recordDeliveryAttempts`), each claimed by a session-level advisory lock keyed by the delivery's number
/// on a connection of the claims' own.
///
/// Why not a row lock: `FOR UPDATE SKIP LOCKED` keeps a row from a second taker only until the taking
/// transaction ends, and an attempt outlives it by the whole send (seconds, up to the target's timeout), so a
/// second store would be handed the delivery while it is in flight. Nor a mark in the row: a taker that dies
/// would leave it marked, and a delivery would wait for a time-out to be given to anyone else. A session's
/// advisory locks end with its connection, however its process ends, so a claim lasts exactly as long as
/// its taker could still answer: never two takers at once, and none lost.
///
/// The store that holds a claim is handed the delivery again while it stays pending (its own in-flight
/// deliveries it leaves out with `excluding`, as on SQLite); other stores are not. The single-key (bigint)
/// advisory lock space of a workspace's database holds only these claims (`AdvisoryKeys` uses the two-key one).
final class DeliveryClaims: Sendable {
    private struct State {
        var session: PostgresSession?
        /// The deliveries this session holds a lock on (each once, so one unlock frees it).
        var held: Set<Int64> = []
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `body` with the claims' session (opened, or opened again after its connection ended, which took
    /// every claim with it) and the claims it holds. A failed statement ends the session, and with it the
    /// claims: a delivery this store still has in flight it leaves out by `excluding`.
    @available(*, noasync, message: "blocks its thread")
    func with<T: Sendable>(_ pool: SessionPool, _ body: (PostgresSession, inout Set<Int64>) throws -> T) throws -> T {
        try state.withLock { state throws -> T in
            if state.session?.isClosed != false {
                state.session = try PostgresSession.open(pool.location, passwords: pool.passwords)
                state.held = []
            }
            let session = state.session!
            do {
                return try body(session, &state.held)
            } catch {
                session.close()
                state.session = nil
                state.held = []
                throw error
            }
        }
    }

    /// Gives up the claims on `ids` (their attempts are recorded); ids this store does not hold are passed over.
    @available(*, noasync, message: "blocks its thread")
    func release(_ ids: [Int64]) {
        state.withLock { state in
            let mine = Array(Set(ids).intersection(state.held))
            guard !mine.isEmpty, let session = state.session else { return }
            do {
                try session.execute("SELECT pg_advisory_unlock(k) FROM unnest(\(mine)::bigint[]) AS k")
                state.held.subtract(mine)
            } catch {
                // Ending the session frees every claim; one left behind would keep other stores from a delivery.
                session.close()
                state.session = nil
                state.held = []
            }
        }
    }

    /// Ends the claims' session, freeing every claim.
    @available(*, noasync, message: "blocks its thread")
    func close() {
        state.withLock { state in
            state.session?.close()
            state.session = nil
            state.held = []
        }
    }

    /// A connection is closed before it is let go: `PostgresStore.close` does it, this for a store dropped
    /// without it (from a thread that may wait; elsewhere the session closes without waiting).
    deinit {
        if BlockingBridge.refusal == nil { close() }
    }

    /// The deliveries other sessions claim, as a subquery (a bigint key is kept as its high and low halves).
    static let claimedElsewhere = """
        SELECT (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.pid <> pg_backend_pid()
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """
}
