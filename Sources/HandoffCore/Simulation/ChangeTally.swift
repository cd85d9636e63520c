import Foundation

/// The diff as it is built, lead by lead: how many leads, how many changed, and the first changes in
/// full (both decisions kept for their traces). Only `keep` changes are held, so a draft that moves
/// half a million leads costs the same memory as one that moves fifty.
public struct ChangeTally: Sendable {
    public let keep: Int
    public private(set) var leads = 0
    public private(set) var changed = 0
    public private(set) var changes: [LeadChange] = []
    public private(set) var first: Date?
    public private(set) var last: Date?

    public init(keep: Int) { self.keep = max(keep, 0) }

    /// Compares a batch: `before[i]` and `after[i]` are the decisions for `leads[i]`. The loop is here,
    /// beside the comparison, so the compiler reads each lead and decision in place: called element by
    /// element from another module, every decision was copied (a retain of each of its strings) first.
    public mutating func compare(_ leads: [ReplayLead], before: [Decision], after: [Decision]) {
        for i in leads.indices { compare(leads[i].lead, before: before[i], after: after[i]) }
    }

    @inline(__always)
    public mutating func compare(_ lead: NormalizedLead, before: Decision, after: Decision) {
        leads += 1
        if first == nil { first = lead.receivedAt }
        last = lead.receivedAt
        guard Self.differ(before, after) else { return }
        changed += 1
        if changes.count < keep {
            changes.append(LeadChange(leadId: lead.id, receivedAt: lead.receivedAt, company: lead.company, beforeDecision: before, afterDecision: after))
        }
    }

    /// `SimulatedOutcome.differs`, read straight from the decisions: it runs for every lead, and building
    /// the two outcomes cost more than the comparison.
    @inline(__always)
    static func differ(_ before: Decision, _ after: Decision) -> Bool {
        let assigned = before.isAssigned
        if assigned != after.isAssigned || before.route != after.route { return true }
        return assigned ? before.owner != after.owner : before.reason != after.reason
    }
}
