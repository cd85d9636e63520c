import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// Operator actions on leads: which leads, whether the lifecycle allows it, and the dialogs on the way.
enum LeadActions {
    /// The marked leads (wherever they are listed), else the lead the detail pane stays on, else the
    /// lead under the cursor.
    static func targets(_ state: ConsoleState) -> [LeadRow] {
        if !state.marks.isEmpty {
            let rows = state.marks.compactMap { state.lead($0) }
            if !rows.isEmpty { return rows.sorted { $0.id < $1.id } }
        }
        if let pinned = state.pinned, state.detailShown {
            if let detail = state.detail, detail.record.lead.id == pinned { return [LeadRow(detail.record)] }
            return state.lead(pinned).map { [$0] } ?? []
        }
        return state.cursorLead.map { [$0] } ?? []
    }

    /// Resumes a paused owner at once; pausing asks why first unless `reason` is given.
    static func pauseOrResume(_ state: inout ConsoleState, owner: String, paused: Bool, reason: String?) -> [ConsoleEffect] {
        if paused { return [.setPause(owner: owner, paused: false, reason: reason ?? "")] }
        guard let reason else {
            state.modal = .input(.pause(owner: owner), TextInput())
            return []
        }
        return [.setPause(owner: owner, paused: true, reason: reason)]
    }

    static func begin(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        if command == .outOfOffice {
            guard state.tab == .owners, let owner = state.cursorOwner else {
                Reducer.say(&state, "out of office applies to an owner: open Owners (3) and pick one", .error)
                return []
            }
            state.modal = .input(.outOfOffice(owner: owner.id), TextInput())
            return []
        }
        if command == .pauseOwner {
            guard state.tab == .owners, let owner = state.cursorOwner else {
                Reducer.say(&state, "pause applies to an owner: open Owners (3) and pick one", .error)
                return []
            }
            return pauseOrResume(&state, owner: owner.id, paused: owner.availability.isPaused, reason: nil)
        }
        guard state.tab.listsLeads else {
            Reducer.say(&state, "\(command.words) applies to leads: open Incoming (1) or Exceptions (2)", .error)
            return []
        }
        if state.marks.isEmpty, state.pinned == nil, state.pendingRows[state.tab] != nil {
            Reducer.say(&state, "the rows for the cursor are still being read; nothing done", .info)
            return []
        }
        if state.marks.isEmpty, state.pinned == nil, let shift = state.cursorShifts[state.tab],
           state.wallNow.timeIntervalSince(shift.at) < CursorShift.guardTime {
            // The lead under the cursor changed a moment ago: the key was most likely meant for the old one.
            state.cursorShifts[state.tab] = nil
            state.follow.remove(state.tab)
            Reducer.say(&state, guardMessage(shift, command), .error)
            return []
        }
        let rows = targets(state)
        guard !rows.isEmpty else {
            Reducer.say(&state, "no lead under the cursor", .info)
            return []
        }
        let action: LeadAction = switch command {
        case .approve: .approve
        case .reassign: .reassign
        case .annotate: .annotate
        case .disqualify: .disqualify
        case .retry: .retry
        default: .accept
        }
        let (eligible, refused) = split(rows, action)
        guard !eligible.isEmpty else {
            Reducer.say(&state, refused[0], .error)
            return []
        }
        if !refused.isEmpty { Reducer.say(&state, "\(refused.count) marked \(refused.count == 1 ? "lead is" : "leads are") skipped: \(refused[0])", .info) }
        let targets = Targets(eligible.map { ($0.id, $0.version) })
        switch command {
        case .approve:
            let plan = targets.plan(.approve)
            return submit(&state, plan, label: "approve", before: eligible, detail: eligible.map { "\($0.id) -> \($0.owner ?? "?")" })
        case .reassign:
            let first = eligible.first!.id
            state.modal = .picker(OwnerPicker(targets: targets, passedOver: passedOver(state, first)))
            // Without the lead's trace at hand, fetch it: the picker fills in the router's reasons when it comes.
            return state.detail?.record.lead.id == first ? [] : [.loadDetail(first)]
        case .annotate:
            state.modal = .input(.annotate(targets), TextInput())
        case .disqualify:
            state.modal = .input(.disqualify(targets), TextInput())
        case .retry:
            return submit(&state, targets.plan(.retry), label: "retry routing of", before: eligible)
        default:
            return submit(&state, targets.plan(.accept), label: "mark accepted", before: eligible)
        }
        return []
    }

    /// Fits an 80-column status line: "list changed: L-0000003 → L-0000006; nothing done, again to approve it".
    static func guardMessage(_ shift: CursorShift, _ command: ConsoleCommand) -> String {
        "list changed: \(shift.from) → \(shift.to); nothing done, again to \(command.rawValue) it"
    }

    /// Leads the lifecycle allows `action` on, and a sentence for each one it does not.
    static func split(_ rows: [LeadRow], _ action: LeadAction) -> (eligible: [LeadRow], refused: [String]) {
        var eligible: [LeadRow] = []
        var refused: [String] = []
        for row in rows {
            do {
                _ = try Lifecycle.next(row.state, action)
                if action == .approve, row.owner == nil {
                    refused.append("\(row.id) has no proposed owner to approve; reassign it (r)")
                } else {
                    eligible.append(row)
                }
            } catch {
                refused.append("\(row.id): \(error)")
            }
        }
        return (eligible, refused)
    }

    /// Why the router passed each owner over for this lead, from its stored decision trace.
    static func passedOver(_ state: ConsoleState, _ leadId: String) -> [String: String] {
        guard let detail = state.detail, detail.record.lead.id == leadId else { return [:] }
        return passedOver(detail)
    }

    static func passedOver(_ detail: LeadDetail) -> [String: String] {
        var reasons: [String: String] = [:]
        for (_, candidate) in detail.record.decision?.candidates ?? [] {
            reasons[candidate.owner] = candidate.passedOver?.text ?? "the router's choice"
        }
        return reasons
    }

    /// One lead: straight to the desk. Several: a confirm dialog first, defaulting to No.
    static func submit(_ state: inout ConsoleState, _ plan: [PlannedCommand], label: String, before: [LeadRow], detail: [String] = []) -> [ConsoleEffect] {
        let before = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        state.modal = nil
        if plan.count > 1 {
            let ids = plan.prefix(5).map(\.leadId).joined(separator: ", ") + (plan.count > 5 ? " and \(plan.count - 5) more" : "")
            var lines = ["\(label.capitalizedFirst) \(plan.count) leads?", ids]
            lines += detail.prefix(3)
            state.modal = .confirm(Confirmation(title: "Bulk \(label)", lines: lines, plan: plan, label: label))
            return []
        }
        // Acted on from the detail pane, the pane holds that lead from the keypress on: the snapshot that
        // takes the lead out of the list may arrive before the desk's answer does.
        if let id = plan.first?.leadId, state.detailShown, state.detailLeadId == id { state.pinned = id }
        state.inFlight += 1
        return [.perform(plan, label: label, before: before, undoable: true)]
    }

    /// The confirm dialog answered yes.
    static func confirmed(_ state: inout ConsoleState, _ confirmation: Confirmation) -> [ConsoleEffect] {
        state.modal = nil
        if let change = confirmation.claimChange { return ClaimActions.change(&state, change) }
        let before = Dictionary(confirmation.plan.compactMap { plan in state.lead(plan.leadId).map { (plan.leadId, $0) } }, uniquingKeysWith: { a, _ in a })
        state.inFlight += 1
        return [.perform(confirmation.plan, label: confirmation.label, before: before, undoable: true)]
    }
}

extension LeadRow {
    /// A lead as the detail pane last read it, for acting on it once it has left the list.
    init(_ record: LeadRecord) {
        self.init(
            id: record.lead.id, receivedAt: record.lead.receivedAt, company: record.lead.company, country: record.lead.country,
            employees: record.lead.employees, route: record.route, owner: record.owner, state: record.state, reason: record.reason,
            version: record.version, updatedAt: record.updatedAt)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
