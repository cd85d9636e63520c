/// How many colors the terminal can show, from none to any RGB value.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// Attributes only: NO_COLOR, `TERM=dumb`, or a monochrome terminal.
    case none
    /// The 16 basic colors.
    case basic16
    /// The xterm 256-color palette.
    case indexed256
    /// Any RGB value.
    case trueColor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth to draw with, from the environment and what terminfo says (`COLORS`, `can_change_color`).
    ///
    /// RGB needs either a direct-color terminfo entry (16M colors) or, when `COLORTERM` says the
    /// terminal takes 24-bit color, a 256-color entry whose palette slots can be redefined: that is how
    /// curses shows an exact RGB value. Without that, 256 indexed colors are the honest answer.
    public static func detect(environment: [String: String], terminalColors: Int, canChangeColor: Bool) -> ColorDepth {
        // https://no-color.org: present and not empty means no color, whatever else is set.
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if environment["TERM"] == "dumb" { return .none }
        if terminalColors >= 1 << 24 { return .trueColor }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if terminalColors >= 256 {
            return (colorTerm == "truecolor" || colorTerm == "24bit") && canChangeColor ? .trueColor : .indexed256
        }
        return terminalColors >= 8 ? .basic16 : .none
    }
}
