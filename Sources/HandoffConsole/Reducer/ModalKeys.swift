import Foundation
import HandoffCore
import HandoffDesk

/// Keys while a dialog, prompt or the command line holds the keyboard.
enum ModalKeys {
    static func reduce(_ state: inout ConsoleState, _ key: Key) -> [ConsoleEffect] {
        guard let modal = state.modal else { return [] }
        if key == .control("c") { state.modal = nil; return [] }
        switch modal {
        case .help(let scroll):
            switch key {
            case .escape, .character("q"), .character("?"), .enter: state.modal = nil
            case .down, .character("j"): state.modal = .help(scroll: scroll + 1)
            case .up, .character("k"): state.modal = .help(scroll: max(scroll - 1, 0))
            case .pageDown, .character(" "): state.modal = .help(scroll: scroll + 10)
            case .pageUp: state.modal = .help(scroll: max(scroll - 10, 0))
            default: break
            }
        case .refused:
            if key == .enter || key == .escape || key == .character("q") { state.modal = nil }
        case .confirm(var confirmation):
            switch key {
            case .character("y"), .character("Y"): return LeadActions.confirmed(&state, confirmation)
            case .character("n"), .character("N"), .escape:
                state.modal = nil
                Reducer.say(&state, "\(confirmation.label): cancelled, nothing changed", .info)
            case .left, .right, .tab, .backTab:
                confirmation.yes.toggle()
                state.modal = .confirm(confirmation)
            case .enter:
                if confirmation.yes { return LeadActions.confirmed(&state, confirmation) }
                state.modal = nil
                Reducer.say(&state, "\(confirmation.label): cancelled, nothing changed", .info)
            default: break
            }
        case .picker(var picker):
            let owners = pickable(state, picker)
            switch key {
            case .escape:
                state.modal = nil
            case .up, .down:
                guard !owners.isEmpty else { break }
                let index = owners.firstIndex { $0.id == picker.selected } ?? 0
                let next = min(max(index + (key == .up ? -1 : 1), 0), owners.count - 1)
                picker.selected = owners[next].id
                state.modal = .picker(picker)
            case .enter:
                guard let owner = owners.first(where: { $0.id == picker.selected }) ?? owners.first else {
                    Reducer.say(&state, "no owner matches \"\(picker.filter.text)\"", .error)
                    break
                }
                state.modal = .input(.reassignReason(picker.targets, owner: owner.id), TextInput())
            default:
                if picker.filter.edit(key) {
                    let matches = pickable(state, picker)
                    if !matches.contains(where: { $0.id == picker.selected }) { picker.selected = matches.first?.id }
                    state.modal = .picker(picker)
                }
            }
        case .input(let purpose, var input):
            switch key {
            case .escape:
                state.modal = nil
            case .enter:
                return Prompts.submit(&state, purpose, input.text)
            default:
                input.edit(key)
                state.modal = .input(purpose, input)
            }
        case .filter(var input):
            state.filterCompletions = []
            switch key {
            case .escape:
                state.modal = nil
            case .enter:
                state.modal = nil
                return applyFilter(&state, input.text)
            case .tab:
                (input, state.filterCompletions) = FilterCompletion.complete(state, input)
                state.modal = .filter(input)
            default:
                input.edit(key)
                state.modal = .filter(input)
            }
        case .command(var line):
            switch key {
            case .escape:
                state.modal = nil
            case .enter:
                state.modal = nil
                let text = line.input.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return [] }
                if state.history.last != text { state.history.append(text) }
                if state.history.count > 100 { state.history.removeFirst() }
                return CommandLineRunner.run(&state, text)
            case .tab:
                line = CommandLineRunner.complete(state, line)
                state.modal = .command(line)
                if let partial = PathCompletion.partial(line.input.text) { return [.completePath(partial)] }
            case .up, .down:
                guard !state.history.isEmpty else { break }
                let count = state.history.count
                var index = line.historyIndex ?? count
                index = key == .up ? max(index - 1, 0) : min(index + 1, count)
                line.historyIndex = index
                line.input.set(index < count ? state.history[index] : "")
                state.modal = .command(line)
            default:
                line.input.edit(key)
                line.completions = []
                state.modal = .command(line)
            }
        }
        return []
    }

    /// Owners the picker lists for its filter text (id or name, any case).
    static func pickable(_ state: ConsoleState, _ picker: OwnerPicker) -> [OwnerRow] {
        let owners = state.snapshot?.owners ?? []
        let needle = picker.filter.text.lowercased()
        guard !needle.isEmpty else { return owners }
        return owners.filter { $0.id.lowercased().contains(needle) || $0.name.lowercased().contains(needle) }
    }

    static func applyFilter(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        if state.tab == .simulation { return SimulationActions.filter(&state, text) }
        let filter = FilterText(text, limits: state.filter.query, owners: state.settings.ownerIds)
        if let problem = filter.problems.first {
            Reducer.say(&state, problem, .error)
            return []
        }
        state.filter = filter
        // A new filter starts at the top of each lead list; landing there is the operator's doing.
        for tab in [Tab.incoming, .exceptions] {
            state.cursors[tab] = nil
            state.cursorShifts[tab] = nil
            state.pendingRows[tab] = 0
            state.cursorHints[tab] = 0
            state.tops[tab] = 0
        }
        state.pinned = nil
        Reducer.say(&state, filter.isEmpty ? "filter cleared" : "filter: \(text)", .info)
        return []
    }
}

/// Text prompts answered with Enter: notes, reasons, out-of-office windows.
enum Prompts {
    static func submit(_ state: inout ConsoleState, _ purpose: InputPurpose, _ text: String) -> [ConsoleEffect] {
        let text = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .annotate(let targets):
            guard !text.isEmpty else { Reducer.say(&state, "a note needs some text (Esc cancels)", .error); return [] }
            return LeadActions.submit(&state, targets.plan(.annotate(text)), label: "annotate", before: rows(state, targets))
        case .disqualify(let targets):
            guard !text.isEmpty else { Reducer.say(&state, "say why the lead is disqualified (Esc cancels)", .error); return [] }
            return LeadActions.submit(&state, targets.plan(.disqualify(reason: text)), label: "disqualify", before: rows(state, targets))
        case .reassignReason(let targets, let owner):
            guard !text.isEmpty else { Reducer.say(&state, "say why the lead goes to \(owner) (Esc cancels)", .error); return [] }
            return LeadActions.submit(
                &state, targets.plan(.reassign(to: owner, reason: text)), label: "reassign to \(owner):", before: rows(state, targets))
        case .outOfOffice(let owner):
            guard let window = AbsenceWindow(text) else {
                Reducer.say(&state, "write the days as FROM..UNTIL, e.g. 2026-12-20..2027-01-04 (or one day)", .error)
                return []
            }
            state.modal = nil
            return [.setAbsence(owner: owner, from: window.from, until: window.until)]
        case .pause(let owner):
            state.modal = nil
            return [.setPause(owner: owner, paused: true, reason: text)]
        }
    }

    static func rows(_ state: ConsoleState, _ targets: Targets) -> [LeadRow] {
        targets.leads.compactMap { state.lead($0.id) }
    }
}

/// "2026-12-20..2027-01-04" or a single day, as local calendar dates, first not after last.
struct AbsenceWindow: Hashable {
    var from: String
    var until: String

    init?(_ text: String) {
        let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 1 || parts.count == 2, let first = CalendarDay(parts[0]), let last = CalendarDay(parts.last!) else { return nil }
        guard first.start <= last.start else { return nil }
        from = parts[0]
        until = parts.last!
    }
}
