/// Whether a route's owner is assigned straight away or proposed for an operator's approval.
public enum RouteMode: String, Sendable, Hashable, Codable {
    case auto
    case review
}

/// One entry of the rulebook's ordered routes: the first whose condition holds decides the pool.
public struct Route: Sendable, Hashable {
    public var name: String
    public var when: Condition
    public var pool: String
    public var mode: RouteMode
    /// Overrides the rulebook's SLA for leads this route assigns.
    public var sla: SLAPolicy?

    public init(name: String, when: Condition, pool: String, mode: RouteMode = .auto, sla: SLAPolicy? = nil) {
        self.name = name
        self.when = when
        self.pool = pool
        self.mode = mode
        self.sla = sla
    }
}

/// What happens to a lead no route matched.
public enum Fallback: Sendable, Hashable {
    /// Flag it as an exception with this reason (normally `no_route`).
    case flag(ExceptionReason)
    /// Send it to a pool.
    case pool(String, RouteMode)
}
