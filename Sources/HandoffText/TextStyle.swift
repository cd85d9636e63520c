/// Terminal colour as plain ANSI SGR sequences, or nothing at all when colour is off.
///
/// Colour only ever repeats what the words already say, so output reads the same without it.
public struct TextStyle: Sendable {
    public enum Colour: String, Sendable {
        case green = "32"
        case yellow = "33"
        case red = "31"
        case bold = "1"
        case dim = "2"
    }

    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public static let plain = TextStyle(enabled: false)

    public func paint(_ text: String, _ colour: Colour?) -> String {
        guard enabled, let colour, !text.isEmpty else { return text }
        return "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    /// The no-color.org convention plus dumb terminals: colour only for a terminal that asked for none of that.
    /// - Parameter isTerminal: whether the output stream is a terminal (the caller asks the OS).
    public static func wanted(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}
