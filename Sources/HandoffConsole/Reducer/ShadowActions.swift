import Foundation
import HandoffStore

/// What `:shadow` asks of the desk: start shadowing with the draft at a path, stop, or promote.
public enum ShadowRequest: Sendable, Hashable {
    case start(String)
    case stop
    case promote
}

/// The desk's answer to a `ShadowRequest`: a line for the status bar, and for a refused draft every
/// error (FILE:LINE:COL) for a dialog.
public struct ShadowAnswer: Sendable, Hashable {
    public var message: String
    public var ok: Bool
    public var problems: [String]

    public init(message: String, ok: Bool, problems: [String] = []) {
        self.message = message
        self.ok = ok
        self.problems = problems
    }
}

/// `:shadow [DRAFT.yaml|stop|promote]`, its answers, and the figures the Shadow view shows.
enum ShadowActions {
    static func command(_ state: inout ConsoleState, _ rest: String) -> [ConsoleEffect] {
        let word = rest.trimmingCharacters(in: .whitespaces)
        if word.isEmpty { return Reducer.show(&state, .shadow) }
        if let reason = state.settings.readOnlyReason {
            Reducer.say(&state, "shadow is disabled: \(reason)", .error)
            return []
        }
        switch word {
        case "stop": return [.shadow(.stop)]
        case "promote": return [.shadow(.promote)]
        default:
            _ = Reducer.show(&state, .shadow)
            return [.shadow(.start(word))]
        }
    }

    static func answered(_ state: inout ConsoleState, _ answer: ShadowAnswer) -> [ConsoleEffect] {
        Reducer.say(&state, answer.message, answer.ok ? .ok : .error)
        if !answer.problems.isEmpty {
            state.modal = .refused(Refusal(title: "the draft has errors: not shadowed", lines: answer.problems + ["", "Fix the draft, then :shadow it again."]))
        }
        return []
    }

    static func received(_ state: inout ConsoleState, _ standing: ShadowStanding?) -> [ConsoleEffect] {
        state.shadow = standing
        return []
    }
}
