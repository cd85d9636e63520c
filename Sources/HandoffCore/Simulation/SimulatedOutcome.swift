import Foundation

/// Where one lead ends up under one rulebook, as the simulation compares it: a route and an owner, or
/// an exception reason (with the route it took, if any, and the owner proposed).
public struct SimulatedOutcome: Sendable, Hashable {
    public var route: String?
    /// The assigned owner, or for an exception the proposed one.
    public var owner: String?
    /// Nil when the lead was assigned.
    public var reason: ExceptionReason?

    public init(route: String?, owner: String?, reason: ExceptionReason?) {
        self.route = route
        self.owner = owner
        self.reason = reason
    }

    public init(_ decision: Decision) {
        self.init(route: decision.route, owner: decision.owner, reason: decision.isAssigned ? nil : decision.reason)
    }

    public var isAssigned: Bool { reason == nil && owner != nil }

    /// "enterprise-emea -> ben" for an assignment; for an exception its reason code, with the route it
    /// took when there was one ("review_required (strategic-review)").
    public var text: String {
        if let reason { return route.map { "\(reason.code) (\($0))" } ?? reason.code }
        return "\(route ?? "fallback") -> \(owner ?? "nobody")"
    }

    /// Whether the lead went elsewhere: another route, another owner, or between assigned and an
    /// exception (or from one exception reason to another). A proposal that changes while the lead stays
    /// flagged for the same reason on the same route is not a change: nobody was given the lead.
    public func differs(from other: SimulatedOutcome) -> Bool {
        if reason != other.reason || route != other.route { return true }
        return isAssigned && owner != other.owner
    }
}

/// One lead the draft would send elsewhere, with both decisions for the trace.
public struct LeadChange: Sendable, Hashable {
    public var leadId: String
    public var receivedAt: Date
    public var company: String?
    public var before: SimulatedOutcome
    public var after: SimulatedOutcome
    /// The draft's reason in a few words: the route that matched, why the old owner was passed over, or
    /// why the lead is an exception now.
    public var why: String
    public var beforeDecision: Decision
    public var afterDecision: Decision

    public init(leadId: String, receivedAt: Date, company: String?, beforeDecision: Decision, afterDecision: Decision) {
        self.leadId = leadId
        self.receivedAt = receivedAt
        self.company = company
        self.beforeDecision = beforeDecision
        self.afterDecision = afterDecision
        before = SimulatedOutcome(beforeDecision)
        after = SimulatedOutcome(afterDecision)
        why = ChangeWhy.explain(before: beforeDecision, after: afterDecision)
    }
}
