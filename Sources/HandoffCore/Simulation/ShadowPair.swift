import Foundation

/// Where one lead went under one rulebook, as a shadow run compares it: its route and pool, and its
/// owner (assigned, or proposed for an exception) or exception reason.
public struct ShadowOutcome: Sendable, Hashable, Codable {
    public var route: String?
    public var pool: String?
    /// The assigned owner, or for an exception the proposed one.
    public var owner: String?
    /// Nil when the lead was assigned.
    public var reason: ExceptionReason?

    public init(route: String?, pool: String?, owner: String?, reason: ExceptionReason?) {
        self.route = route
        self.pool = pool
        self.owner = owner
        self.reason = reason
    }

    public init(_ decision: Decision) {
        self.init(route: decision.route, pool: decision.pool, owner: decision.owner, reason: decision.isAssigned ? nil : decision.reason)
    }

    public var isAssigned: Bool { reason == nil && owner != nil }

    /// "enterprise-emea -> ben" for an assignment; an exception's reason code, with its route when it
    /// took one ("review_required (strategic-review)").
    public var text: String {
        if let reason { return route.map { "\(reason.code) (\($0))" } ?? reason.code }
        return "\(route ?? "fallback") -> \(owner ?? "nobody")"
    }

    /// Another route, another pool, another owner, or between assigned and an exception (or one reason
    /// and another). A proposal that changes while the lead stays flagged for the same reason on the same
    /// route and pool is not a divergence: nobody would have been given the lead.
    public func diverges(from other: ShadowOutcome) -> Bool {
        if reason != other.reason || route != other.route || pool != other.pool { return true }
        return isAssigned && owner != other.owner
    }
}

/// One lead decided by the rulebook in force and by a draft shadowing it: both outcomes, and when
/// they diverge, the draft's reason in a few words.
public struct ShadowPair: Sendable, Hashable {
    public var leadId: String
    public var live: ShadowOutcome
    public var draft: ShadowOutcome
    /// Nil when the two agree.
    public var why: String?

    public var diverged: Bool { why != nil }

    public init(leadId: String, live: ShadowOutcome, draft: ShadowOutcome, why: String?) {
        self.leadId = leadId
        self.live = live
        self.draft = draft
        self.why = why
    }

    /// Compares the two decisions for one lead. The reason is worded only for a divergence (most leads
    /// agree, and this runs for every lead shadowed).
    public init(live: Decision, draft: Decision) {
        let a = ShadowOutcome(live), b = ShadowOutcome(draft)
        self.init(leadId: live.leadId, live: a, draft: b, why: a.diverges(from: b) ? Self.explain(live, draft, a, b) : nil)
    }

    private static func explain(_ live: Decision, _ draft: Decision, _ a: ShadowOutcome, _ b: ShadowOutcome) -> String {
        // The same route sending leads to another pool is the draft's change, whoever was chosen in it.
        if a.route == b.route, a.pool != b.pool, let route = a.route {
            return "\(route) now sends to pool \(b.pool ?? "none"); " + ChangeWhy.explain(before: live, after: draft)
        }
        return ChangeWhy.explain(before: live, after: draft)
    }
}
