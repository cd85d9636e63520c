import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// The desk's answers to operator actions: a status line, a refusal dialog for leads that changed
/// under the operator, and the undo entry.
enum Outcomes {
    static func apply(_ state: inout ConsoleState, _ performed: Performed) -> [ConsoleEffect] {
        state.inFlight = max(state.inFlight - 1, 0)
        var done: [(PlannedCommand, LeadRecord)] = []
        var stale: [StaleVersion] = []
        var failed: [String] = []
        var claimed: [(PlannedCommand, ClaimedByOther)] = []
        for outcome in performed.outcomes {
            switch outcome {
            case .done(let plan, let record): done.append((plan, record))
            case .stale(_, let refusal): stale.append(refusal)
            case .failed(let plan, let message): failed.append("\(plan.leadId): \(message)")
            case .claimed(let plan, let held): claimed.append((plan, held))
            }
        }
        for (plan, _) in done {
            state.marks.remove(plan.leadId)
            state.markedRows[plan.leadId] = nil
        }
        if performed.undoable, !done.isEmpty {
            let plan = done.compactMap { Undo.compensation(for: $0.0, after: $0.1, before: performed.before[$0.0.leadId]) }
            let what = done.count == 1 ? "\(performed.label) \(done[0].0.leadId)" : "\(performed.label) \(done.count) leads"
            state.undo = plan.count == done.count && !plan.isEmpty
                ? UndoEntry(label: what, effect: .perform(plan, label: "undo \(performed.label)", before: [:], undoable: false),
                            expires: state.wallNow.addingTimeInterval(state.settings.undoWindow)) : nil
        }
        if !stale.isEmpty {
            var lines = stale.prefix(8).map { describe($0, state.settings.zone) }
            if stale.count > 8 { lines.append("and \(stale.count - 8) more") }
            lines.append("Nothing was changed on \(stale.count == 1 ? "this lead" : "these leads"). Look again, then retry.")
            if !done.isEmpty { lines.insert("\(done.count) other \(done.count == 1 ? "lead was" : "leads were") changed as asked.", at: 0) }
            state.modal = .refused(Refusal(title: "Changed under you", lines: lines))
        }
        if !claimed.isEmpty, state.modal == nil { ClaimActions.ask(&state, claimed, label: performed.label, done: done.count) }
        if !failed.isEmpty {
            Reducer.say(&state, failed[0] + (failed.count > 1 ? " (and \(failed.count - 1) more)" : ""), .error)
        } else if !done.isEmpty {
            Reducer.say(&state, summary(performed.label, done) + (state.undo != nil && performed.undoable ? "  (u to undo)" : ""), .ok)
        }
        // The pane shows the lead as it is now, and stays on it though it leaves the list: a second key
        // acts on the lead the operator is looking at, not on the next one along.
        if let id = state.detail?.record.lead.id, done.contains(where: { $0.0.leadId == id }) {
            if state.detailShown, state.detailLeadId == id { state.pinned = id }
            return [.loadDetail(id)]
        }
        return []
    }

    /// "approve L-000012 -> ben" or "approve 12 leads".
    static func summary(_ label: String, _ done: [(PlannedCommand, LeadRecord)]) -> String {
        guard done.count == 1, let (plan, record) = done.first else { return "\(label) \(done.count) leads: done" }
        let owner = record.owner.map { " -> \($0)" } ?? ""
        return "\(label) \(plan.leadId): now \(record.state.rawValue)\(owner)"
    }

    /// "L-000012: assigned by router at 14:32:05 (owner ben), version 3 -> 4".
    static func describe(_ refusal: StaleVersion, _ zone: ZoneClock) -> String {
        guard let event = refusal.latest else { return "\(refusal.leadId) changed (version \(refusal.expected) -> \(refusal.current))" }
        let owner = event.detail.owner.map { " (owner \($0))" } ?? ""
        return "\(refusal.leadId): \(event.kind.rawValue) by \(event.actor) at \(ClockText.time(event.at, zone))\(owner)"
    }
}

/// Taking back the operator's last action with compensating commands (the log keeps both).
enum Undo {
    static func run(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let undo = state.undo else {
            Reducer.say(&state, "nothing to undo", .info)
            return []
        }
        guard undo.expires > state.wallNow else {
            state.undo = nil
            Reducer.say(&state, "too late to undo \(undo.label): the undo window is \(Int(state.settings.undoWindow)) s", .error)
            return []
        }
        state.undo = nil
        if case .perform = undo.effect { state.inFlight += 1 }
        return [undo.effect]
    }

    /// The command that takes back `plan`, based on the version it left: the lead put back as it stood
    /// before (state, owner or proposed owner, reason, clock); nil when it cannot be undone.
    static func compensation(for plan: PlannedCommand, after record: LeadRecord, before: LeadRow?) -> PlannedCommand? {
        let note = "undo of \(plan.command.action.rawValue)"
        let command: LeadCommand
        switch plan.command {
        case .approve, .reassign, .disqualify:
            guard let before else { return nil }
            let standing = LeadStanding(state: before.state, owner: before.owner, reason: before.reason, clock: before.updatedAt)
            command = .restore(standing, undoing: plan.command.action, note: note)
        case .annotate(let text):
            command = .annotate("withdrawn: " + text)
        case .flag, .reopen, .accept, .retry, .breach, .reroute, .remind, .restore:
            return nil
        }
        // Acting over a colleague's claim was asked once; taking it back is not asked again.
        return PlannedCommand(leadId: plan.leadId, version: record.version, command: command, overridingClaim: plan.overridingClaim)
    }
}
