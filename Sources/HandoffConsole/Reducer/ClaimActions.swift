import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Claims on exceptions from the console (`c`, `:claim`, `:unclaim`), and the question asked before
/// acting over a colleague's claim.
enum ClaimActions {
    /// `c`: claims the exception under the cursor, or lets go of it when it is the operator's own.
    static func toggle(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let row = target(&state) else { return [] }
        let mine = row.claim?.by == state.settings.operatorName
        return change(&state, ClaimChange(leadId: row.id, claiming: !mine))
    }

    /// `:claim` / `:unclaim`.
    static func command(_ state: inout ConsoleState, claiming: Bool) -> [ConsoleEffect] {
        if let why = state.settings.readOnlyReason {
            Reducer.say(&state, "\(claiming ? "claim" : "unclaim") is disabled: \(why)", .error)
            return []
        }
        guard let row = target(&state) else { return [] }
        return change(&state, ClaimChange(leadId: row.id, claiming: claiming))
    }

    /// The flagged lead the detail pane stays on or the cursor is on.
    static func target(_ state: inout ConsoleState) -> LeadRow? {
        guard state.tab.listsLeads else {
            Reducer.say(&state, "claim applies to exceptions: open Exceptions (2)", .error)
            return nil
        }
        let id = state.pinned.flatMap { state.detailShown ? $0 : nil } ?? state.cursors[state.tab]
        guard let id, let row = state.lead(id) ?? state.detail.flatMap({ $0.record.lead.id == id ? LeadRow($0.record) : nil }) else {
            Reducer.say(&state, "no lead under the cursor", .info)
            return nil
        }
        guard row.state == .flagged else {
            Reducer.say(&state, "\(row.id) is \(row.state.rawValue), not an exception: only flagged leads are claimed", .error)
            return nil
        }
        return row
    }

    static func change(_ state: inout ConsoleState, _ change: ClaimChange) -> [ConsoleEffect] {
        state.inFlight += 1
        return [.claim(change)]
    }

    static func answered(_ state: inout ConsoleState, _ answer: ClaimAnswer) -> [ConsoleEffect] {
        state.inFlight = max(state.inFlight - 1, 0)
        switch answer {
        case .done(let change, let text):
            Reducer.say(&state, text, .ok)
            return state.detail?.record.lead.id == change.leadId ? [.loadDetail(change.leadId)] : []
        case .heldByOther(let change, let held):
            var over = change
            over.overriding = true
            let verb = change.claiming ? "take it over" : "unclaim it"
            state.modal = .confirm(Confirmation(
                title: "Claimed by \(held.claim.by)", lines: ["\(held) — \(verb) anyway?"], plan: [],
                label: change.claiming ? "claim" : "unclaim", claimChange: over))
        case .failed(_, let text):
            Reducer.say(&state, text, .error)
        }
        return []
    }

    /// Actions refused because a colleague claimed the leads: asks once for all of them, and on yes sends
    /// the same commands again, overriding the claims.
    static func ask(_ state: inout ConsoleState, _ claimed: [(PlannedCommand, ClaimedByOther)], label: String, done: Int) {
        var lines = claimed.prefix(6).map { "\($0.1)" }
        if claimed.count > 6 { lines.append("and \(claimed.count - 6) more") }
        lines[0] += claimed.count == 1 ? " — \(label) anyway?" : ""
        if claimed.count > 1 { lines.append("\(label.capitalizedFirst) them anyway?") }
        if done > 0 { lines.insert("\(done) other \(done == 1 ? "lead was" : "leads were") changed as asked.", at: 0) }
        let plan = claimed.map { planned, _ in
            var planned = planned
            planned.overridingClaim = true
            return planned
        }
        let owners = Set(claimed.map(\.1.claim.by)).sorted()
        state.modal = .confirm(Confirmation(title: "Claimed by \(owners.joined(separator: ", "))", lines: lines, plan: plan, label: label))
    }

    /// "also here: ana on laptop-3, 4s ago; ben on desk-1, 2s ago", or nil when no one else is.
    static func presenceText(_ others: [Presence], now: Date) -> String? {
        guard !others.isEmpty else { return nil }
        return "also here: " + others.map { "\($0.operatorName) (console on \($0.host)), \(ClockText.age(now.timeIntervalSince($0.seenAt))) ago" }
            .joined(separator: "; ")
    }

    /// "claimed by ana 3m ago".
    static func claimText(_ claim: Claim, now: Date) -> String {
        "claimed by \(claim.by) \(ClockText.age(now.timeIntervalSince(claim.at))) ago"
    }
}
