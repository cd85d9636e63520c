import Foundation

/// Keys as people write them in the config file: `a`, `G`, `Space`, `Enter`, `Esc`, `Tab`,
/// `Shift-Tab`, `Backspace`, `Del`, `Up`/`↑`, `PgDn`, `Home`, `F5`, `Ctrl-N` (also `C-n`).
/// Named keys ignore case; a single character is itself, so `g` and `G` are different keys.
public enum KeyNames {
    static let named: [String: Key] = [
        "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "del": .delete, "delete": .delete,
        "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left, "right": .right, "→": .right,
        "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
    ]

    /// Every name `key(_:)` understands beyond single characters, for messages.
    public static let examples = "a, G, Space, Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, Home, End, PgUp, PgDn, F1 to F12, Ctrl-A to Ctrl-Z"

    /// The key `name` stands for, or nil.
    public static func key(_ name: String) -> Key? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 1, let c = trimmed.first, !c.isWhitespace {
            return .character(c)
        }
        let lower = trimmed.lowercased()
        if let key = named[lower] { return key }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            return .control(c)
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        return nil
    }
}
