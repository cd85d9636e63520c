import HandoffStore

/// Whether this process's routing core may decide now: it holds the workspace's routing lease
/// (`CoreLease`), taking it when free. The long-running cores (the console's, `serve`'s, `handoff
/// worker`) ask before every pass, so one of them decides at a time and the others stand by, taking
/// over at their next pass when the holder ends. One-off commands (`route`, `import --route`) do not
/// ask: their transactions are serialized with the holder's, and they end.
public final class RoutingTurn: Sendable {
    private let lease: (any CoreLease)?

    /// A store whose lease cannot be had (its file cannot be opened) routes as before, its writes
    /// serialized by its transactions; such a store refuses writes anyway.
    public init(store: any LeadStore) {
        lease = try? store.coreLease()
    }

    /// True when this process holds the lease, taken now if it was free.
    public func mayRoute() -> Bool {
        guard let lease else { return true }
        return (try? lease.tryTake()) ?? true
    }

    /// Who holds the lease, as the holder wrote it.
    public func holder() -> String? { lease?.holder() }

    /// Gives the lease up, so a standing-by core takes over at once.
    public func release() { lease?.release() }
}
