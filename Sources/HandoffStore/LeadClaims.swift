import Foundation

/// An operator's claim on an exception: "I am working on this one". A colleague's action on a claimed
/// lead asks first (the desk checks); the claim ends when the lead leaves the exceptions or is unclaimed.
public struct Claim: Sendable, Hashable {
    public var leadId: String
    /// The operator who claimed it.
    public var by: String
    public var at: Date

    public init(leadId: String, by: String, at: Date) {
        self.leadId = leadId
        self.by = by
        self.at = at
    }
}

/// Claims on exceptions. Claiming and unclaiming are log entries (`claimed`, `unclaimed`) written
/// through the log's chained writer like every other entry, keeping the lead's version: a claim does not
/// change the lead, so it never makes a colleague's next action stale (docs/ARCHITECTURE.md, "Claims").
///
/// An engine keeps the claims in force in a table of their own (`claims`: lead, actor, at) and drops a
/// lead's claim in the transaction of any command that takes it out of the exceptions
/// (`CommandEffect.endsClaim`); reads return only claims on leads that are still flagged.
public protocol LeadClaims: Sendable {
    /// Claims the flagged lead `leadId` for `actor` at `at`, replacing any claim on it, with its
    /// `claimed` entry, in one transaction. Throws `StoreError.unknownLead`, or `ClaimRefusal.notAnException`
    /// for a lead that is not flagged.
    func claim(_ leadId: String, by actor: String, at: Date) throws -> Claim
    /// Ends the claim on `leadId` with an `unclaimed` entry by `actor` (who may be someone else than the
    /// claimant: the desk decides who may); the claim ended, or nil when there was none (nothing written).
    func unclaim(_ leadId: String, by actor: String, at: Date) throws -> Claim?
    /// The claims in force on these leads, by lead id (leads without one are left out).
    func claims(on leadIds: [String]) throws -> [String: Claim]
}

/// Why a claim was refused by the store.
public enum ClaimRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case notAnException(String, state: String)

    public var description: String {
        switch self {
        case .notAnException(let id, let state): "\(id) is \(state), not an exception: only flagged leads are claimed"
        }
    }
}
