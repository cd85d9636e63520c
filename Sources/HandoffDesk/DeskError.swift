import HandoffCore

/// A request the desk refuses before touching the store.
public enum DeskError: Error, Sendable, Hashable, CustomStringConvertible {
    case notADay(String)
    case endsBeforeItStarts(from: String, until: String)
    case alreadyPaused(owner: String, String)
    case notPaused(owner: String)
    case noSuchAbsence(owner: String, from: String, until: String)
    /// The person's role (the rulebook's `people:`) does not allow the action.
    case notAllowed(person: String, role: Role, needs: Role, action: String)

    public var description: String {
        switch self {
        case .notADay(let text): "'\(text)' is not a date; write it like 2026-12-20"
        case .endsBeforeItStarts(let from, let until): "the absence ends (\(until)) before it starts (\(from))"
        case .alreadyPaused(let owner, let text): "\(owner) is already \(text); resume them first to pause them for another reason"
        case .notPaused(let owner): "\(owner) is not paused, so there is nothing to resume"
        case .noSuchAbsence(let owner, let from, let until): "\(owner) has no out-of-office window \(from)..\(until) in force; `handoff owners` lists them"
        case .notAllowed(let person, let role, let needs, let action):
            "\(person) is \(role == .operator ? "an" : "a") \(role.rawValue) and cannot \(action): that needs the \(needs.rawValue) role "
                + "(the rulebook's people: section gives roles; ask a lead)"
        }
    }
}
