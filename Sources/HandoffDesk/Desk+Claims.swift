import Foundation
import HandoffCore
import HandoffStore

extension Desk {
    /// Claims the exception `leadId` for `actor` (an operator's action: a viewer cannot). A claim someone
    /// else holds is refused with `ClaimedByOther` unless `overridingClaim` (the person was asked and said
    /// yes, or passed `--force`): it is then taken over, and the log says from whom.
    @discardableResult
    public func claim(_ leadId: String, actor: String, overridingClaim: Bool = false) throws -> Claim {
        try require(.operator, of: actor, to: "claim exceptions")
        // Already theirs: nothing to write again.
        if let held = try claim(on: leadId), held.by == actor { return held }
        try checkClaim(on: leadId, actor: actor, overriding: overridingClaim)
        let claim = try store.claim(leadId, by: actor, at: clock())
        notify(.lead(leadId))
        return claim
    }

    /// Ends the claim on `leadId`; someone else's only with `overridingClaim`, as for any action on a
    /// claimed lead. The claim ended, or nil when the lead had none (nothing written).
    @discardableResult
    public func unclaim(_ leadId: String, actor: String, overridingClaim: Bool = false) throws -> Claim? {
        try require(.operator, of: actor, to: "unclaim exceptions")
        try checkClaim(on: leadId, actor: actor, overriding: overridingClaim)
        guard let ended = try store.unclaim(leadId, by: actor, at: clock()) else {
            if try store.lead(leadId) == nil { throw StoreError.unknownLead(leadId) }
            return nil
        }
        notify(.lead(leadId))
        return ended
    }

    /// The claim in force on `leadId`, if any.
    public func claim(on leadId: String) throws -> Claim? {
        try store.claims(on: [leadId])[leadId]
    }

    /// Refuses a person's action on a lead someone else claimed, unless they chose to override it. The
    /// product's own actors (routing, the SLA timer) and an owner accepting their lead are not held.
    ///
    /// This asks first; it is not a lock: a claim made between this check and the action's write does not
    /// stop it (the lead's version still refuses an action on a lead that changed).
    func checkClaim(on leadId: String, actor: String, overriding: Bool, command: LeadCommand? = nil) throws {
        guard !overriding, !Permission.isSystem(actor) else { return }
        if let command, Permission.isOwnerAccepting(actor, command) { return }
        if let claim = try claim(on: leadId), claim.by != actor { throw ClaimedByOther(claim: claim, now: clock()) }
    }
}

/// An action on a lead someone else claimed, refused so the person can be asked first
/// ("ana claimed L-0000042 3m ago").
public struct ClaimedByOther: Error, Sendable, Hashable, CustomStringConvertible {
    public var claim: Claim
    /// When the action was refused, for the claim's age.
    public var now: Date

    public init(claim: Claim, now: Date) {
        self.claim = claim
        self.now = now
    }

    /// "3m": how long ago the claim was made.
    public var age: String {
        let seconds = max(Int(now.timeIntervalSince(claim.at)), 0)
        // Whole minutes once past one: "3m", "1h5m"; seconds only while it is fresh.
        return DurationText.text(seconds >= 60 ? seconds - seconds % 60 : seconds)
    }

    public var description: String { "\(claim.by) claimed \(claim.leadId) \(age) ago" }
}
