import Synchronization

/// The fencing epoch a store's routing writes carry: set by the store's `PostgresCoreLease` while it
/// holds the routing lease, cleared when it lets it go or loses its connection. A routing write of the
/// store confirms it inside its own transaction (`RoutingLease.confirm`), so a core that lost the lease
/// without knowing yet (its lease connection cut off, a successor already deciding) has its next batch
/// refused instead of committed after the successor's. A store that never took the lease (a `handoff
/// import --route` beside no worker) writes unfenced, as the lease's absence allows.
final class RoutingFence: Sendable {
    private let epoch = Mutex<Int64?>(nil)

    func held(_ epoch: Int64?) {
        self.epoch.withLock { $0 = epoch }
    }

    /// Refuses the write in `session`'s transaction when the lease this store held has moved on.
    @available(*, noasync, message: "blocks its thread")
    func confirm(in session: PostgresSession) throws {
        guard let epoch = epoch.withLock({ $0 }) else { return }
        try RoutingLease.confirm(epoch: epoch, in: session)
    }
}
