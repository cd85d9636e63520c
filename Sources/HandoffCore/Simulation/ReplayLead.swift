import Foundation

/// A stored lead as a replay reads it: normalized once and shared by both rulebooks, with the moment
/// it stopped being open in the store (accepted, disqualified or merged), which is when the simulated
/// owner's load is released too.
public struct ReplayLead: Sendable {
    public var lead: NormalizedLead
    /// Nil for a lead still open (or never assigned): a simulated assignment of it stays open to the end.
    public var closedAt: Date?

    public init(lead: NormalizedLead, closedAt: Date? = nil) {
        self.lead = lead
        self.closedAt = closedAt
    }

    public init(_ lead: Lead, closedAt: Date? = nil) {
        self.init(lead: Normalizer.normalize(lead), closedAt: closedAt)
    }
}
