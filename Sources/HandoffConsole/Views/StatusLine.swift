/// The status line (results and errors, clearing themselves) and the key hints under it, generated
/// from the key map. The filter and command line take the status line while they are open.
enum StatusLine {
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .plain)
        switch state.modal {
        case .filter(let input):
            prompt("/", input, hint: "  owner: reason: country: state: route: text · Enter applies · Esc cancels", state, &screen, rect)
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
        } else if state.inFlight > 0 {
            screen.put(" … working", row: rect.row, column: rect.column, width: rect.width, role: .statusInfo)
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
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer, _ rect: Rect) {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, role: .hintText)
        var column = rect.column + 1
        let readOnly = state.settings.readOnlyReason != nil
        var all = hints(state)
        // Help and quit are always offered, at the right end, however narrow the terminal.
        let essential = state.modal == nil ? all.filter { $0.command == .help || $0.command == .quit } : []
        all.removeAll { binding in essential.contains { $0.command == binding.command } }
        var right = rect.right
        for binding in essential.reversed() {
            let text = binding.keys[0].name + " " + (binding.hint ?? "") + " "
            right -= TextWidth.columns(text)
            let used = screen.put(binding.keys[0].name, row: rect.row, column: right, role: .hintKey)
            screen.put(" " + (binding.hint ?? ""), row: rect.row, column: right + used, role: .hintText)
        }
        for binding in all {
            let key = binding.keys[0].name
            let text = binding.hint ?? ""
            let width = TextWidth.columns(key) + 1 + TextWidth.columns(text) + 2
            if column + width > right { break }
            let disabled = readOnly && binding.command.mutating
            column += screen.put(key, row: rect.row, column: column, role: disabled ? .muted : .hintKey)
            column += screen.put(" " + text + "  ", row: rect.row, column: column, role: disabled ? .muted : .hintText)
        }
    }

    /// What the bar offers: the modal's own keys, or the view's bindings (mutating ones last when read-only).
    static func hints(_ state: ConsoleState) -> [KeyBinding] {
        switch state.modal {
        case .confirm: return [KeyBinding([.character("y")], .approve, hint: "yes", help: ""), KeyBinding([.character("n")], .close, hint: "no (default)", help: "")]
        case .picker: return [KeyBinding([.up], .up, hint: "choose", help: ""), KeyBinding([.enter], .detail, hint: "pick", help: ""), KeyBinding([.escape], .close, hint: "cancel", help: "")]
        case .input: return [KeyBinding([.enter], .detail, hint: "done", help: ""), KeyBinding([.escape], .close, hint: "cancel", help: "")]
        case .help, .refused: return [KeyBinding([.escape], .close, hint: "close", help: "")]
        case .command: return [KeyBinding([.tab], .nextTab, hint: "complete", help: ""), KeyBinding([.up], .up, hint: "history", help: ""), KeyBinding([.enter], .detail, hint: "run", help: ""), KeyBinding([.escape], .close, hint: "cancel", help: "")]
        case .filter: return []
        case nil:
            let all = KeyMap.hints(for: state.tab)
            guard state.settings.readOnlyReason != nil else { return all }
            return all.filter { !$0.command.mutating } + all.filter(\.command.mutating)
        }
    }
}
