import Foundation
import HandoffCore
import HandoffDesk

/// `y` and `Y`: the lead under the cursor's id or trace to the clipboard. The reducer only decides what
/// to copy; the UI thread writes it to the terminal (`ConsoleEffect.copy`), which owns the clipboard.
enum ClipboardActions {
    static func begin(_ state: inout ConsoleState, _ command: ConsoleCommand) -> [ConsoleEffect] {
        guard state.tab.listsLeads, let id = state.cursors[state.tab] else {
            Reducer.say(&state, "no lead under the cursor to copy", .info)
            return []
        }
        if command == .copyId { return copy(&state, id, what: "lead id \(id)") }
        // The trace is in the detail when it is loaded for this lead; otherwise it is read first.
        if let detail = state.detail, detail.record.lead.id == id {
            return copy(&state, ClipboardText.trace(detail), what: "the trace of \(id)")
        }
        return [.copyTrace(id)]
    }

    static func copy(_ state: inout ConsoleState, _ text: String, what: String) -> [ConsoleEffect] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let size = lines > 1 ? " (\(lines) lines)" : ""
        Reducer.say(&state, "copied \(what)\(size) to the clipboard", .ok)
        return [.copy(text)]
    }
}

/// What `Y` copies: the lead's id and who has it, then the decision in sentences, as the detail pane
/// and `handoff explain` show it.
public enum ClipboardText {
    public static func trace(_ detail: LeadDetail) -> String {
        let record = detail.record
        var lines = ["\(record.lead.id) \(record.state.rawValue)" + (record.owner.map { " · owner \($0)" } ?? "")]
        if let decision = record.decision {
            lines += DecisionText.lines(decision)
        } else {
            lines.append("not routed yet")
        }
        return lines.joined(separator: "\n")
    }
}
