import Foundation
import HandoffCore
import HandoffDesk

/// Dialogs drawn over the views: help, confirmations, the owner picker, text prompts, refusals.
enum Dialogs {
    static func draw(_ state: ConsoleState, into screen: inout ScreenBuffer) {
        guard let modal = state.modal else { return }
        switch modal {
        case .help(let scroll): help(state, scroll, &screen)
        case .confirm(let confirmation): confirm(confirmation, &screen)
        case .picker(let picker): OwnerPickerView.draw(state, picker, &screen)
        case .input(let purpose, let input): prompt(state, purpose, input, &screen)
        case .refused(let refusal): message(refusal.title, refusal.lines + ["", "Enter closes"], &screen, role: .statusError)
        case .filter, .command: break // drawn on the status line
        }
    }

    /// A centred box `height` x `width`, clipped to the screen.
    static func frame(_ screen: ScreenBuffer, height: Int, width: Int) -> Rect {
        let w = min(width, screen.columns - 2), h = min(height, screen.rows - 2)
        return Rect(row: max((screen.rows - h) / 2, 0), column: max((screen.columns - w) / 2, 0), height: h, width: w)
    }

    static func message(_ title: String, _ lines: [String], _ screen: inout ScreenBuffer, role: StyleRole = .dialog) {
        let width = min(max(lines.map { TextWidth.columns($0) }.max() ?? 20, TextWidth.columns(title) + 6) + 4, 100)
        let wrapped = DetailPane.wrap(lines.map { ($0, StyleRole.dialog) }, width: width - 4)
        let rect = frame(screen, height: wrapped.count + 2, width: width)
        screen.fill(rect, role: .dialog)
        Box.draw(into: &screen, rect, title: title, focused: true)
        for (i, line) in wrapped.prefix(rect.height - 2).enumerated() {
            screen.put(line.0, row: rect.row + 1 + i, column: rect.column + 2, width: rect.width - 4, role: i == 0 && role != .dialog ? role : .dialog)
        }
    }

    static func confirm(_ confirmation: Confirmation, _ screen: inout ScreenBuffer) {
        let buttons = confirmation.yes ? "[ Yes ]   No  " : "  Yes   [ No ]"
        message(confirmation.title, confirmation.lines + ["", buttons + "     y yes · n/Esc/Enter no"], &screen)
    }

    static func help(_ state: ConsoleState, _ scroll: Int, _ screen: inout ScreenBuffer) {
        let entries = state.settings.keys.helpLines()
        let keyWidth = entries.map { TextWidth.columns($0.keys) }.max() ?? 8
        var lines = entries.map { TextWidth.padded($0.keys, to: keyWidth) + "  " + $0.text }
        lines += ["", "Command line (:): " + CommandLineRunner.commands.map(\.usage).joined(separator: " · ")]
        lines += [""] + legend
        if let why = state.settings.readOnlyReason { lines += ["", "Read-only: \(why); actions are disabled."] }
        let rect = frame(screen, height: screen.rows - 2, width: min(screen.columns - 4, 110))
        screen.fill(rect, role: .dialog)
        Box.draw(into: &screen, rect, title: "Keys (Esc closes, ↑↓ scroll)", focused: true)
        let wrapped = DetailPane.wrap(lines.map { ($0, StyleRole.dialog) }, width: rect.width - 4)
        let top = min(scroll, max(wrapped.count - (rect.height - 2), 0))
        for (i, line) in wrapped.dropFirst(top).prefix(rect.height - 2).enumerated() {
            screen.put(line.0, row: rect.row + 1 + i, column: rect.column + 2, width: rect.width - 4, role: .dialog)
        }
        if top + rect.height - 2 < wrapped.count {
            screen.put(" ↓ more ", row: rect.bottom - 1, column: rect.right - 10, role: .muted)
        }
    }

    /// What the marks on screen mean.
    static let legend: [String] = [
        "What the marks mean:",
        "  Reasons: " + ExceptionReason.allCases.map { "\($0.glyph) \($0.code)" }.joined(separator: " · "),
        "  ben?      a proposed owner (flagged lead): a approves them",
        "  ▶ cursor · ● marked (Space) · ▲▼ sorted column · 1-30 of N: rows in view of the whole list (N+ : at least N)",
        "  Header: exceptions N (by reason glyph) · SLA ! N +M: N breached leads in Exceptions, M assigned leads past",
        "  their accept-by time not yet flagged · queue: leads waiting for the router · the clock shows its zone",
        "  Filter (/): owner:ID reason:CODE state:STATE country:XX route:NAME and words (id, email, company, name, notes)",
    ]

    static func prompt(_ state: ConsoleState, _ purpose: InputPurpose, _ input: TextInput, _ screen: inout ScreenBuffer) {
        let (title, question): (String, String) = switch purpose {
        case .annotate(let targets): ("Note", "Note for \(targets.described):")
        case .disqualify(let targets): ("Disqualify", "Why is \(targets.described) disqualified?")
        case .reassignReason(let targets, let owner): ("Reassign to \(owner)", "Why does \(targets.described) go to \(owner)?")
        case .outOfOffice(let owner): ("Out of office", "\(owner) is away FROM..UNTIL (local dates, e.g. 2026-12-20..2027-01-04):")
        case .pause(let owner): ("Pause \(owner)", "Why is \(owner) paused? (shown when the router passes them over; may be empty)")
        }
        let rect = frame(screen, height: 6, width: max(60, min(TextWidth.columns(question) + 6, 100)))
        screen.fill(rect, role: .dialog)
        Box.draw(into: &screen, rect, title: title, focused: true)
        screen.put(question, row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, role: .dialog)
        let width = rect.width - 4
        let (text, caret) = input.visible(width: width)
        screen.fill(row: rect.row + 3, column: rect.column + 2, width: width, role: .input)
        screen.put(text, row: rect.row + 3, column: rect.column + 2, width: width, role: .input)
        screen.put("Enter done · Esc cancel", row: rect.row + 4, column: rect.column + 2, width: width, role: .muted)
        screen.cursor = (rect.row + 3, rect.column + 2 + caret)
    }
}

/// The reassignment picker: owners with load, availability and the router's reason for passing them over.
enum OwnerPickerView {
    static func draw(_ state: ConsoleState, _ picker: OwnerPicker, _ screen: inout ScreenBuffer) {
        let owners = ModalKeys.pickable(state, picker)
        let rect = Dialogs.frame(screen, height: min(owners.count, 14) + 5, width: 96)
        screen.fill(rect, role: .dialog)
        Box.draw(into: &screen, rect, title: "Reassign \(picker.targets.described) to…", focused: true)
        let inner = rect.width - 4
        let (text, caret) = picker.filter.visible(width: inner - 8)
        screen.put("filter ", row: rect.row + 1, column: rect.column + 2, role: .muted)
        screen.fill(row: rect.row + 1, column: rect.column + 9, width: inner - 7, role: .input)
        screen.put(text, row: rect.row + 1, column: rect.column + 9, width: inner - 7, role: .input)
        screen.cursor = (rect.row + 1, rect.column + 9 + caret)
        let visible = rect.height - 4
        let selected = picker.selected ?? owners.first?.id
        let index = owners.firstIndex { $0.id == selected } ?? 0
        let top = max(0, index - visible + 1)
        for (i, owner) in owners.dropFirst(top).prefix(visible).enumerated() {
            let row = rect.row + 3 + i
            let load = owner.capacity.map { "\(Sparkline.bar(owner.open, of: $0, width: 6)) \(owner.open)/\($0)" } ?? "\(owner.open) open"
            let why = picker.passedOver[owner.id].map { "router: " + $0 } ?? ""
            let line = TextWidth.padded(owner.id, to: 8) + " " + TextWidth.padded(load, to: 14) + " "
                + TextWidth.padded(AvailabilityWords.short(owner.availability) + " " + owner.localTime, to: 24) + " " + why
            screen.put(line, row: row, column: rect.column + 2, width: inner, role: Sparkline.loadRole(owner.open, owner.capacity) == .loadOver ? .statusError : .dialog)
            if owner.id == selected { screen.restyle(row: row, column: rect.column + 1, width: rect.width - 2, role: .selection) }
        }
        if owners.isEmpty { screen.put("no owner matches", row: rect.row + 3, column: rect.column + 2, role: .muted) }
    }
}
