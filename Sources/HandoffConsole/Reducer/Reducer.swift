import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore

/// The console's one state transition: state + action -> new state and the effects to run. Pure: no
/// terminal, no store, no clock, so every behaviour is a unit test.
public enum Reducer {
    public static func reduce(_ state: inout ConsoleState, _ action: ConsoleAction) -> [ConsoleEffect] {
        var effects = step(&state, action)
        // Whatever changed, the desk reads the pages the views now need (once per change).
        if state.snapshot != nil {
            let wanted = Paging.query(state)
            if wanted != state.asked {
                state.asked = wanted
                effects.append(.query(wanted))
            }
        }
        return effects
    }

    static func step(_ state: inout ConsoleState, _ action: ConsoleAction) -> [ConsoleEffect] {
        switch action {
        case .key(let key):
            if state.modal != nil { return ModalKeys.reduce(&state, key) }
            if case .mouse(let event) = key { return mouse(&state, event) }
            guard let command = state.settings.keys.command(for: key, in: state.tab) else { return [] }
            return run(&state, command)
        case .snapshot(let snapshot):
            return receive(&state, snapshot)
        case .insights(let review):
            state.insights = review
            return []
        case .shadow(let standing):
            return ShadowActions.received(&state, standing)
        case .shadowAnswered(let answer):
            return ShadowActions.answered(&state, answer)
        case .intake(let status):
            state.intake = status
            return []
        case .deliveries(let standing):
            return DeliveryActions.received(&state, standing)
        case .deliveryRetried(let result):
            return DeliveryActions.retried(&state, result)
        case .detail(let detail):
            // An open owner picker for this lead learns why the router passed each owner over.
            if let detail, case .picker(var picker) = state.modal, picker.targets.leads.first?.id == detail.record.lead.id {
                picker.passedOver = LeadActions.passedOver(detail)
                state.modal = .picker(picker)
            }
            if let detail, detail.record.lead.id == state.detailLeadId {
                if state.detail?.record.lead.id != detail.record.lead.id { state.detailScroll = 0 }
                state.detail = detail
            }
            return []
        case .tick(let wall, let desk):
            state.wallNow = wall
            state.deskNow = desk
            if let status = state.status, status.expires <= wall { state.status = nil }
            if let undo = state.undo, undo.expires <= wall { state.undo = nil }
            return []
        case .resize(let rows, let columns):
            state.rows = rows
            state.columns = columns
            for tab in Tab.allCases { keepCursorInView(&state, tab) }
            return detailEffects(state)
        case .performed(let performed):
            return Outcomes.apply(&state, performed)
        case .absence(let owner, let result):
            switch result {
            case .success(let window):
                // Taken back by withdrawing the same window.
                let days = window.components(separatedBy: "..")
                if days.count == 2 {
                    state.undo = UndoEntry(label: "out of office \(owner) \(window)", effect: .withdrawAbsence(owner: owner, from: days[0], until: days[1]),
                                           expires: state.wallNow.addingTimeInterval(state.settings.undoWindow))
                }
                say(&state, "\(owner) is out of office \(window)  (u to undo)", .ok)
            case .failure(let failure): say(&state, failure.message, .error)
            }
            return []
        case .absenceWithdrawn(let owner, let result):
            switch result {
            case .success(let window): say(&state, "\(owner) is no longer out of office \(window)", .ok)
            case .failure(let failure): say(&state, failure.message, .error)
            }
            return []
        case .ownerPause(let owner, let paused, let result):
            switch result {
            case .success(let text):
                if paused {
                    // A pause is taken back by resuming; the resume itself is not offered for undo.
                    state.undo = UndoEntry(label: "pause \(owner)", effect: .setPause(owner: owner, paused: false, reason: "undo of pause"),
                                           expires: state.wallNow.addingTimeInterval(state.settings.undoWindow))
                    say(&state, "\(owner) is \(text); p again resumes them  (u to undo)", .ok)
                } else {
                    say(&state, "\(owner) takes leads again", .ok)
                }
            case .failure(let failure): say(&state, failure.message, .error)
            }
            return []
        case .core(let health):
            if case .standingBy(let holder) = health, state.core != health {
                say(&state, "routing is held by \(holder ?? "another process"); this console stands by and takes over when it ends", .info)
            }
            state.core = health
            return []
        case .themeChanged(let name, let problems):
            state.themeProblems = problems
            if problems.isEmpty {
                state.settings.themeName = name
                say(&state, "theme \(name)", .ok)
            } else {
                say(&state, "theme \(name) not used; keeping \(state.settings.themeName)", .error)
                state.modal = .refused(Refusal(title: "Theme \(name) has problems", lines: problems + ["", "Keeping the \(state.settings.themeName) theme."]))
            }
            return []
        case .rulesReloaded(.success(let version)):
            say(&state, "rulebook \(version) in force for leads decided from now on", .ok)
            return []
        case .rulesReloaded(.failure(let problems)):
            say(&state, "\(problems.file) refused; the rulebook in force keeps running", .error)
            let name = URL(fileURLWithPath: problems.file).lastPathComponent
            state.modal = .refused(Refusal(title: "\(name) has errors: not loaded", lines: problems.lines + ["", "The rulebook in force keeps running. Fix the file; it is read again when saved."]))
            return []
        case .notice(let text, let kind):
            say(&state, text, kind)
            return []
        case .simulationProgress(let leads):
            if state.simulation?.running == true { state.simulation?.progress = leads }
            return []
        case .simulated(let result):
            return SimulationActions.finished(&state, result)
        case .copyReady(let text, let what):
            return ClipboardActions.copy(&state, text, what: what)
        case .pathCompletions(let partial, let candidates):
            PathCompletion.apply(&state, partial: partial, candidates: candidates)
            return []
        case .claimAnswered(let answer):
            return ClaimActions.answered(&state, answer)
        case .presence(let leadId, let others):
            state.presence = (leadId, others)
            return []
        }
    }

    // MARK: - Commands from the key map

    static func run(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        if command.mutating, let why = state.settings.readOnlyReason {
            say(&state, "\(command.words) is disabled: \(why)", .error)
            return []
        }
        switch command {
        case .quit:
            state.quit = true
            return [.quit]
        case .help:
            state.modal = .help(scroll: 0)
        case .nextTab: return show(&state, cycle(state, from: state.tab) { $0.next })
        case .previousTab: return show(&state, cycle(state, from: state.tab) { $0.previous })
        case .incoming: return show(&state, .incoming)
        case .exceptions: return show(&state, .exceptions)
        case .owners: return show(&state, .owners)
        case .activity: return show(&state, .activity)
        case .insights: return show(&state, .insights)
        case .simulation: return show(&state, .simulation)
        case .shadow: return show(&state, .shadow)
        case .deliveries: return show(&state, .deliveries)
        case .retryDelivery: return DeliveryActions.retry(&state)
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            // While the detail pane covers the table, the movement keys scroll it instead.
            if state.detailRequested, !state.wideLayout, state.detailShown { return scrollDetail(&state, command) }
            let page = Layout(state).tableBodyRows
            if state.tab == .insights {
                // Figures, not rows: the keys scroll the view (the view keeps the offset within its lines).
                let top = state.tops[.insights] ?? 0, limit = InsightsView.scrollLimit(state)
                let next = switch command {
                case .up: top - 1
                case .down: top + 1
                case .pageUp: top - page
                case .pageDown: top + page
                case .top: 0
                default: limit
                }
                state.tops[.insights] = min(max(next, 0), limit)
                return []
            }
            switch command {
            case .up: return move(&state, by: -1)
            case .down: return move(&state, by: 1)
            case .pageUp: return move(&state, by: -page)
            case .pageDown: return move(&state, by: page)
            case .top: return move(&state, to: 0)
            default: return move(&state, to: Int.max)
            }
        case .detailDown: return scrollDetail(&state, .down)
        case .detailUp: return scrollDetail(&state, .up)
        case .detail:
            guard state.tab.hasDetail, let id = state.cursors[state.tab] else {
                say(&state, "no lead under the cursor", .info)
                return []
            }
            state.detailRequested.toggle()
            state.detailScroll = 0
            state.pinned = nil
            // The pane stays on the lead the operator opened: new rows no longer move the cursor.
            if state.detailRequested, state.follow.remove(state.tab) != nil {
                say(&state, "showing \(id); f follows new rows again", .info)
            }
            // A simulated lead's decisions are in the report already.
            return state.detailShown && state.tab.listsLeads ? [.loadDetail(id)] : []
        case .close:
            if state.detailRequested {
                state.detailRequested = false
                state.pinned = nil
            } else if !state.marks.isEmpty {
                say(&state, "cleared \(state.marks.count) marks", .info)
                state.marks = []
                state.markedRows = [:]
            }
        case .mark:
            guard let id = state.cursors[state.tab], state.tab.listsLeads else { return [] }
            if state.marks.contains(id) {
                state.marks.remove(id)
                state.markedRows[id] = nil
            } else if let row = state.cursorLead {
                state.marks.insert(id)
                state.markedRows[id] = row
            }
            return move(&state, by: 1)
        case .markAll:
            guard state.tab.listsLeads else { return [] }
            let rows = state.leadRows(state.tab)
            let ids = Set(rows.map(\.id))
            let total = state.total(state.tab)
            if !ids.isEmpty, ids.isSubset(of: state.marks) {
                state.marks.subtract(ids)
                for id in ids { state.markedRows[id] = nil }
                say(&state, "unmarked \(ids.count)", .info)
            } else {
                state.marks.formUnion(ids)
                for row in rows { state.markedRows[row.id] = row }
                // Only the loaded page is at hand; saying so beats marking fewer than the operator thinks.
                say(&state, ids.count >= total ? "marked \(ids.count) leads matching the filter"
                    : "marked the \(ids.count) loaded leads around the cursor, of \(total) matching", .info)
            }
        case .sort where !state.tab.hasRows, .reverseSort where !state.tab.hasRows, .follow where !state.tab.hasRows:
            say(&state, "the \(state.tab.title) view has no rows to sort or follow", .info)
        case .sort:
            let columns = Columns.count(state.tab)
            let current = state.sort[state.tab]
            let next = current.map { ($0.column + 1) % columns } ?? 0
            state.sort[state.tab] = SortSpec(column: next, descending: false)
            sorted(&state)
            say(&state, "sorted by \(Columns.titles(state.tab)[next].lowercased())", .info)
        case .reverseSort:
            var spec = state.sort[state.tab] ?? SortSpec(column: 0, descending: false)
            spec.descending.toggle()
            state.sort[state.tab] = spec
            sorted(&state)
            say(&state, "sorted by \(Columns.titles(state.tab)[spec.column].lowercased()), \(spec.descending ? "descending" : "ascending")", .info)
        case .follow:
            if state.follow.contains(state.tab) {
                state.follow.remove(state.tab)
                say(&state, "stopped following new rows", .info)
            } else {
                state.follow.insert(state.tab)
                state.sort[state.tab] = nil
                followNewest(&state, state.tab)
                say(&state, "following new rows", .info)
            }
            return detailEffects(state)
        case .pauseLive:
            state.livePaused.toggle()
            if !state.livePaused, let held = state.held {
                state.held = nil
                return receive(&state, held)
            }
        case .filter:
            state.modal = .filter(TextInput(state.tab == .simulation ? state.simulation?.filter ?? "" : state.filter.text))
        case .commandLine:
            state.modal = .command(CommandPrompt())
        case .undo:
            return Undo.run(&state)
        case .approve, .reassign, .annotate, .disqualify, .retry, .accept, .outOfOffice, .pauseOwner:
            return LeadActions.begin(&state, command)
        case .copyId, .copyTrace:
            return ClipboardActions.begin(&state, command)
        case .claim:
            return ClaimActions.toggle(&state)
        }
        return []
    }

    // MARK: - Views and the cursor

    /// A new order: the cursor stays on its lead (the page is read around it); a view that followed the
    /// newest row stops, the newest no longer being on top.
    static func sorted(_ state: inout ConsoleState) {
        state.follow.remove(state.tab)
        state.cursorShifts[state.tab] = nil
    }

    static func scrollDetail(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        guard state.detailShown else { return [] }
        let page = max(Layout(state).detail.map { $0.height - 3 } ?? 10, 1)
        switch command {
        case .up: state.detailScroll -= 1
        case .down: state.detailScroll += 1
        case .pageUp: state.detailScroll -= page
        case .pageDown: state.detailScroll += page
        case .top: state.detailScroll = 0
        default: state.detailScroll = Int.max / 2
        }
        state.detailScroll = min(max(state.detailScroll, 0), DetailPane.maxScroll(state))
        return []
    }

    /// The next view along for Tab and Shift-Tab, among those the tab bar shows.
    static func cycle(_ state: ConsoleState, from tab: Tab, _ step: (Tab) -> Tab) -> Tab {
        let shown = TabBar.shown(state)
        var next = step(tab)
        while !shown.contains(next) { next = step(next) }
        return next
    }

    static func show(_ state: inout ConsoleState, _ tab: Tab) -> [ConsoleEffect] {
        // An error was about the view being left; carried over it reads as one about the new view.
        if tab != state.tab, state.status?.kind == .error { state.status = nil }
        state.tab = tab
        reconcile(&state, tab)
        return detailEffects(state)
    }

    static func move(_ state: inout ConsoleState, by delta: Int) -> [ConsoleEffect] {
        let tab = state.tab
        guard state.total(tab) > 0 else { return [] }
        let current = state.pendingRows[tab]
            ?? state.cursors[tab].flatMap { id in state.ids(tab).firstIndex(of: id).map { $0 + state.pageOffset(tab) } }
            ?? state.cursorHints[tab] ?? 0
        return move(&state, to: max(current + delta, 0))
    }

    /// Moves the cursor to a row by its place in the whole list; a row outside the loaded page is
    /// asked for (the cursor lands on it when the page comes).
    static func move(_ state: inout ConsoleState, to index: Int) -> [ConsoleEffect] {
        let tab = state.tab
        let total = state.total(tab)
        guard total > 0 else { return [] }
        let target = min(max(index, 0), total - 1)
        let before = state.cursors[tab]
        let ids = state.ids(tab), offset = state.pageOffset(tab)
        state.cursorShifts[tab] = nil
        let wasPinned = state.pinned != nil
        state.pinned = nil
        state.cursorHints[tab] = target
        if target >= offset, target < offset + ids.count {
            state.cursors[tab] = ids[target - offset]
            state.pendingRows[tab] = nil
        } else {
            state.pendingRows[tab] = target
        }
        // An error about the lead the cursor left no longer applies.
        if before != state.cursors[tab] || state.pendingRows[tab] != nil, state.status?.kind == .error { state.status = nil }
        // Moving off the newest row stops following, as in any log viewer.
        let newest = tab == .activity ? total - 1 : 0
        if target != newest { state.follow.remove(tab) }
        keepCursorInView(&state, tab)
        return before == state.cursors[tab] && !wasPinned ? [] : detailEffects(state)
    }

    /// After the rows changed: the cursor stays on its lead if it is still listed, else lands where
    /// it was (the next lead up the list); following views jump to the newest row. A page the
    /// operator asked for (a move, a filter) places the cursor where they asked: no live update.
    static func reconcile(_ state: inout ConsoleState, _ tab: Tab) {
        let ids = state.ids(tab), offset = state.pageOffset(tab), total = state.total(tab)
        // Pages answer the query last asked; an older answer places nothing by position.
        let current = !ConsoleState.isPaged(tab) || state.snapshot?.query == state.asked || state.asked == nil
        let before = state.cursors[tab]
        var operatorMove = false
        defer {
            if !operatorMove, let before, let after = state.cursors[tab], before != after, tab != .activity {
                // After several hops the guard still names the lead the operator had chosen.
                let chosen = state.cursorShifts[tab].flatMap { state.wallNow.timeIntervalSince($0.at) < CursorShift.guardTime ? $0.from : nil }
                state.cursorShifts[tab] = CursorShift(from: chosen ?? before, to: after, at: state.wallNow)
                // Following moves on to each new lead by request; a lead leaving the list is news.
                if tab == state.tab, state.detailShown, state.pinned == nil, tab.listsLeads, !state.follow.contains(tab) {
                    say(&state, "\(before) left this list; the cursor and the pane are on \(after) now", .info)
                }
            }
        }
        if let pending = state.pendingRows[tab] {
            guard current else { return }
            operatorMove = true
            if total == 0 || ids.isEmpty {
                state.cursors[tab] = nil
                state.pendingRows[tab] = nil
                keepCursorInView(&state, tab)
                return
            }
            let target = min(pending, total - 1)
            let index = min(max(target - offset, 0), ids.count - 1)
            state.cursors[tab] = ids[index]
            state.cursorHints[tab] = offset + index
            state.pendingRows[tab] = nil
            keepCursorInView(&state, tab)
            return
        }
        if state.follow.contains(tab) { followNewest(&state, tab); return }
        if let id = state.cursors[tab], let index = ids.firstIndex(of: id) {
            state.cursorHints[tab] = offset + index
        } else if !current {
            return
        } else if ids.isEmpty {
            state.cursors[tab] = nil
        } else {
            let index = min(max((state.cursorHints[tab] ?? 0) - offset, 0), ids.count - 1)
            state.cursors[tab] = ids[index]
            state.cursorHints[tab] = offset + index
        }
        keepCursorInView(&state, tab)
    }

    static func followNewest(_ state: inout ConsoleState, _ tab: Tab) {
        let ids = state.ids(tab), offset = state.pageOffset(tab), total = state.total(tab)
        guard !ids.isEmpty else { state.cursors[tab] = nil; return }
        let newest = tab == .activity ? total - 1 : 0
        // The newest row is on the page once the desk has read the list's end.
        guard newest >= offset, newest < offset + ids.count else { return }
        state.cursors[tab] = ids[newest - offset]
        state.cursorHints[tab] = newest
        keepCursorInView(&state, tab)
    }

    /// Scrolls just enough to show the cursor.
    static func keepCursorInView(_ state: inout ConsoleState, _ tab: Tab) {
        let height = Layout(state).tableBodyRows
        let index = state.cursorHints[tab] ?? 0
        var top = state.tops[tab] ?? 0
        if index < top { top = index }
        if index >= top + height { top = index - height + 1 }
        let count = state.total(tab)
        top = max(min(top, max(count - height, 0)), 0)
        state.tops[tab] = top
    }

    /// The detail pane follows the cursor: load the lead under it when the pane is showing.
    static func detailEffects(_ state: ConsoleState) -> [ConsoleEffect] {
        guard state.detailShown, state.tab.listsLeads, let id = state.detailLeadId else { return [] }
        if let detail = state.detail, detail.record.lead.id == id, detail.record.version == (state.lead(id)?.version ?? detail.record.version) { return [] }
        return [.loadDetail(id)]
    }

    // MARK: - Snapshots

    static func receive(_ state: inout ConsoleState, _ snapshot: DeskSnapshot) -> [ConsoleEffect] {
        if state.livePaused, state.snapshot != nil {
            state.held = snapshot
            return []
        }
        state.snapshot = snapshot
        state.deskNow = max(state.deskNow, snapshot.takenAt)
        // A running core with a long queue is behind: the header says so until the queue drains.
        switch state.core {
        case .running, .behind:
            state.core = snapshot.queueDepth >= CoreHealth.behindAt ? .behind(queue: snapshot.queueDepth) : .running
        default: break
        }
        // Marked leads on the page are seen as they are now.
        for row in snapshot.incoming + snapshot.exceptions where state.marks.contains(row.id) { state.markedRows[row.id] = row }
        for tab in Tab.allCases { reconcile(&state, tab) }
        if state.pendingJump != nil { return LeadJump.landPending(&state) }
        return detailEffects(state)
    }

    // MARK: - Mouse

    static func mouse(_ state: inout ConsoleState, _ event: MouseEvent) -> [ConsoleEffect] {
        let layout = Layout(state)
        switch event.kind {
        case .wheelUp: return move(&state, by: -3)
        case .wheelDown: return move(&state, by: 3)
        case .click, .doubleClick:
            if layout.tabs.contains(row: event.row, column: event.column) {
                if let tab = TabBar.tab(at: event.column, state) { return show(&state, tab) }
                return []
            }
            guard layout.table.contains(row: event.row, column: event.column), event.row > layout.table.row else { return [] }
            let index = (state.tops[state.tab] ?? 0) + event.row - layout.table.row - 1
            guard index < state.total(state.tab) else { return [] }
            var effects = move(&state, to: index)
            if event.kind == .doubleClick, state.tab.listsLeads, !state.detailShown {
                state.detailRequested = true
                effects += detailEffects(state)
            }
            return effects
        }
    }

    static func say(_ state: inout ConsoleState, _ text: String, _ kind: StatusMessage.Kind) {
        state.status = StatusMessage(text, kind: kind, expires: state.wallNow.addingTimeInterval(StatusMessage.lifetime(kind)))
    }
}
