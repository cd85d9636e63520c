import Foundation
import HandoffCore

/// A lead as a command finds it in the store: the columns a command's effect depends on.
package struct StoredLead: Sendable, Hashable {
    package var state: LeadState
    package var owner: String?
    package var pool: String?
    package var version: Int
    /// The exception's code while the lead is flagged.
    package var reason: String?

    package init(state: LeadState, owner: String?, pool: String?, version: Int, reason: String?) {
        self.state = state
        self.owner = owner
        self.pool = pool
        self.version = version
        self.reason = reason
    }
}

/// Everything an operator's (or the SLA timer's) command writes for a lead, worked out without an
/// engine: the log entry, the lead's new columns, and the changes to owners' open load and the pools'
/// fairness ledger. Each engine only stores it, so a command means the same on every engine.
package struct CommandEffect: Sendable, Hashable {
    /// One change to an owner's open load, or to a pool's count of assignments to an owner. Applied in
    /// order, each clamped at zero as it is applied (a count never goes negative).
    package struct Count: Sendable, Hashable {
        package var key: String
        package var owner: String
        package var delta: Int
    }

    package var version: Int
    package var state: LeadState
    package var owner: String?
    /// The lead's exception code after the command (kept while it stays flagged).
    package var reasonCode: String?
    /// The lead's clock (`updated_at`, from which SLAs count) after the command; nil leaves it.
    package var clock: Date?
    /// Back in `received`, the lead has no route or pool any more.
    package var clearsRouting: Bool
    /// The log entry's reason and detail (its kind is the command's action's event).
    package var reason: String?
    package var detail: EventDetail
    /// The lead leaves the exceptions: a claim on it ends in the same transaction (`LeadClaims`).
    package var endsClaim: Bool { state != .flagged }
    /// Owners' open load, in order (`key` is unused: the owner is the key).
    package var loads: [Count] = []
    /// The pools' ledger, in order (`key` is the pool).
    package var ledger: [Count] = []

    /// Throws `StoreError` for a command the lead's state does not allow. The version check (a stale
    /// command) is the engine's, which reads the newest entry to say what changed.
    package init(_ command: LeadCommand, on lead: StoredLead, leadId: String, at: Date) throws {
        let state = lead.state, owner = lead.owner, pool = lead.pool
        let next: LeadState
        do { next = try Lifecycle.next(state, command.action) } catch { throw StoreError.illegal(error, leadId: leadId) }
        version = lead.version + 1
        self.state = next
        self.owner = owner
        detail = EventDetail(from: state, to: next)
        clearsRouting = next == .received
        clock = Self.movesClock(command) ? Self.clock(command, at: at) : nil

        func load(_ who: String, _ delta: Int) { loads.append(Count(key: who, owner: who, delta: delta)) }
        func count(_ pool: String, _ who: String, _ delta: Int) { ledger.append(Count(key: pool, owner: who, delta: delta)) }

        switch command {
        case .approve:
            guard let owner else { throw StoreError.noProposal(leadId) }
            load(owner, 1)
            if let pool { count(pool, owner, 1) }
            detail.owner = owner
        case .reassign(let to, let why):
            if state == .assigned, let owner { load(owner, -1) }
            load(to, 1)
            detail.owner = to
            detail.previousOwner = owner
            detail.text = why
            reason = why
            self.owner = to
        case .annotate(let text):
            detail.text = text
        case .disqualify(let why):
            if state == .assigned, let owner { load(owner, -1) }
            detail.text = why
            reason = why
        case .accept:
            if let owner { load(owner, -1) }
            detail.owner = owner
        case .retry:
            self.owner = nil
        case .flag(let code, let note, let proposal):
            if state == .assigned, let owner { load(owner, -1) }
            self.owner = proposal ?? owner
            detail.owner = self.owner
            detail.text = code.code
            reason = note
        case .reopen(let note, let proposal):
            self.owner = proposal ?? owner
            detail.owner = self.owner
            reason = note
        case .breach(let note):
            if let owner { load(owner, -1) }
            detail.owner = owner
            detail.text = note
            reason = ExceptionReason.slaBreached.code
        case .reroute(let to, let note):
            if let owner { load(owner, -1) }
            load(to, 1)
            if let pool { count(pool, to, 1) }
            detail.owner = to
            detail.previousOwner = owner
            detail.text = note
            self.owner = to
        case .remind(let note):
            detail.owner = owner
            detail.text = note
        case .restore(let standing, let undone, let note):
            guard next == standing.state else { throw StoreError.cannotRestore(leadId, now: state, to: standing.state) }
            if state == .assigned, let owner { load(owner, -1) }
            if standing.state == .assigned, let back = standing.owner { load(back, 1) }
            // An approval counted toward the pool's fairness ledger; its undo takes the count back.
            if undone == .approve, let pool, let owner { count(pool, owner, -1) }
            self.owner = standing.owner
            detail.owner = standing.owner
            detail.previousOwner = owner
            detail.text = note
            // Entries into `flagged` carry the exception's code, as the router's do, so counts by reason follow.
            reason = standing.state == .flagged ? (standing.reason ?? .manual).code : note
        }
        // A flagged lead keeps its reason code until it leaves `flagged`.
        reasonCode = switch command {
        case .flag(let code, _, _): code.code
        case .reopen: ExceptionReason.manual.code
        case .breach: ExceptionReason.slaBreached.code
        case .restore(let standing, _, _): standing.state == .flagged ? (standing.reason ?? .manual).code : nil
        default: next == .flagged ? lead.reason : nil
        }
    }

    /// Whether a command starts the lead's clock again: a note or a reminder changes neither state nor
    /// owner, so it does not.
    static func movesClock(_ command: LeadCommand) -> Bool {
        switch command {
        case .annotate, .remind: false
        default: true
        }
    }

    /// The lead's clock after `command` at `time`: an undo puts back the clock it had, so the lead keeps
    /// its SLA and its place in the exceptions queue.
    static func clock(_ command: LeadCommand, at time: Date) -> Date {
        if case .restore(let standing, _, _) = command { return standing.clock }
        return time
    }
}
