/// What an engine reads in place of a log entry's text it stored coded (`ExceptionsTextCode`) and can
/// no longer decode: a text that says why, which a person reading the history sees, and which the chain
/// walk recognizes so an audit names the cause rather than a change.
package enum UnreadableEntryText {
    private static let prefix = "(unreadable text: "

    package static func text(_ problem: String) -> String { prefix + problem + ")" }

    /// The problem, when `text` is such a text.
    package static func problem(_ text: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix(")") else { return nil }
        return String(text.dropFirst(prefix.count).dropLast())
    }
}
