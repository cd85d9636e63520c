import HandoffCore

/// The status line (results and errors, clearing themselves) and the key hints under it, generated
/// from the key map. The filter and command line take the status line while they are open.
enum StatusLine {
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .plain)
        switch state.modal {
        case .filter(let input):
            let scopes = state.tab == .simulation ? "owner: route: reason: text" : "owner: reason: country: state: route: text"
            let hint = state.filterCompletions.count > 1 ? "  " + state.filterCompletions.joined(separator: " ") : "  \(scopes) · Tab completes · Enter applies · Esc cancels"
            prompt("/", input, hint: hint, state, &screen, rect)
            return
        case .command(let line):
            prompt(":", line.input, hint: line.completions.count > 1 ? "  " + line.completions.joined(separator: " ") : "", state, &screen, rect)
            return
        default:
            break
        }
        if let status = state.status {
            let role: StyleRole = switch status.kind {
            case .info: .statusInfo
            case .ok: .statusOK
            case .error: .statusError
            }
            let mark = status.kind == .error ? "✖ " : status.kind == .ok ? "✔ " : "· "
            screen.put(" " + mark + status.text, row: rect.row, column: rect.column, width: rect.width, role: role)
        } else if let run = state.simulation, run.running {
            let progress = run.progress > 0 ? ": \(NumberText.grouped(Double(run.progress))) leads replayed" : ""
            screen.put(" … simulating \(run.path)\(progress)", row: rect.row, column: rect.column, width: rect.width, role: .statusInfo)
        } else if state.inFlight > 0 {
            screen.put(" … working", row: rect.row, column: rect.column, width: rect.width, role: .statusInfo)
        } else if let here = ClaimActions.presenceText(state.othersHere, now: state.wallNow) {
            // Who else is on this lead, while nothing more pressing is said.
            screen.put(" · " + here, row: rect.row, column: rect.column, width: rect.width, role: .statusInfo)
        } else if let undo = state.undo {
            screen.put(" u undoes \(undo.label)", row: rect.row, column: rect.column, width: rect.width, role: .muted)
        }
    }

    static func prompt(_ sigil: String, _ input: TextInput, hint: String, _ state: ConsoleState, _ screen: inout ScreenBuffer, _ rect: Rect) {
        screen.put(sigil, row: rect.row, column: rect.column, role: .input)
        let hintWidth = min(TextWidth.columns(hint), max(rect.width / 3, 0))
        let width = rect.width - 1 - hintWidth
        let (text, caret) = input.visible(width: width)
        screen.fill(row: rect.row, column: rect.column + 1, width: width, role: .input)
        screen.put(text, row: rect.row, column: rect.column + 1, width: width, role: .input)
        if hintWidth > 0 { screen.put(hint, row: rect.row, column: rect.right - hintWidth, width: hintWidth, role: .muted) }
        screen.cursor = (rect.row, rect.column + 1 + caret)
    }
}

enum HintBar {
    /// One entry of the bar: a key's name and what it does; disabled ones are drawn muted.
    struct Hint {
        var key: String
        var text: String
        var disabled = false
    }

    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .hintText)
        let (hints, essential) = self.hints(state)
        var right = rect.right
        // Help and quit are always offered, at the right end, however narrow the terminal.
        for hint in essential.reversed() {
            right -= TextWidth.columns(hint.key + " " + hint.text + " ")
            let used = screen.put(hint.key, row: rect.row, column: right, role: .hintKey)
            screen.put(" " + hint.text, row: rect.row, column: right + used, role: .hintText)
        }
        var column = rect.column + 1
        for hint in hints {
            if column + TextWidth.columns(hint.key) + TextWidth.columns(hint.text) + 3 > right { break }
            column += screen.put(hint.key, row: rect.row, column: column, role: hint.disabled ? .muted : .hintKey)
            column += screen.put(" " + hint.text + "  ", row: rect.row, column: column, role: hint.disabled ? .muted : .hintText)
        }
    }

    /// What the bar offers: a dialog's own keys, or the view's bindings from the key map (mutating ones
    /// last, and muted, when read-only), with help and quit set apart.
    static func hints(_ state: ConsoleState) -> (hints: [Hint], essential: [Hint]) {
        switch state.modal {
        case .confirm: return ([Hint(key: "y", text: "yes"), Hint(key: "n", text: "no (default)")], [])
        case .picker: return ([Hint(key: "↑", text: "choose"), Hint(key: "Enter", text: "pick"), Hint(key: "Esc", text: "cancel")], [])
        case .input: return ([Hint(key: "Enter", text: "done"), Hint(key: "Esc", text: "cancel")], [])
        case .help, .refused: return ([Hint(key: "Esc", text: "close")], [])
        case .command: return ([Hint(key: "Tab", text: "complete"), Hint(key: "↑", text: "history"), Hint(key: "Enter", text: "run"), Hint(key: "Esc", text: "cancel")], [])
        case .filter: return ([], [])
        case nil:
            let readOnly = state.settings.readOnlyReason != nil
            // A view of figures has no rows to filter, sort or follow.
            let rowless: Set<ConsoleCommand> = [.filter, .sort, .reverseSort, .follow]
            // Undo is offered only while there is something to take back.
            let bindings = state.settings.keys.hints(for: state.tab).filter {
                (state.tab.hasRows || !rowless.contains($0.command)) && ($0.command != .undo || state.undo != nil)
            }
            let ordered = readOnly ? bindings.filter { !$0.command.mutating } + bindings.filter(\.command.mutating) : bindings
            func hint(_ b: KeyBinding) -> Hint { Hint(key: b.keys[0].name, text: b.hint ?? "", disabled: readOnly && b.command.mutating) }
            let isEssential: (KeyBinding) -> Bool = { $0.command == .help || $0.command == .quit }
            return (ordered.filter { !isEssential($0) }.map(hint), ordered.filter(isEssential).map(hint))
        }
    }
}
