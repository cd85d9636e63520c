/// A request the desk refuses before touching the store.
public enum DeskError: Error, Sendable, Hashable, CustomStringConvertible {
    case notADay(String)
    case endsBeforeItStarts(from: String, until: String)

    public var description: String {
        switch self {
        case .notADay(let text): "'\(text)' is not a date; write it like 2026-12-20"
        case .endsBeforeItStarts(let from, let until): "the absence ends (\(until)) before it starts (\(from))"
        }
    }
}
