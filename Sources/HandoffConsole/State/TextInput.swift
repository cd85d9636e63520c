/// A one-line text field: UTF-8 text edited by whole characters, with the editing keys people expect
/// from a shell (Ctrl-A/E/U/K/W, arrows, Home/End, Backspace/Delete).
public struct TextInput: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// Caret position, in characters.
    public private(set) var caret: Int

    public init(_ text: String = "") {
        characters = Array(text)
        caret = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; returns false when the key is not an editing key (Enter, Esc, Tab, ...).
    @discardableResult
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            characters.insert(c, at: caret)
            caret += 1
        case .backspace, .control("h"):
            guard caret > 0 else { return true }
            characters.remove(at: caret - 1)
            caret -= 1
        case .delete, .control("d"):
            if caret < characters.count { characters.remove(at: caret) }
        case .left, .control("b"): caret = max(caret - 1, 0)
        case .right, .control("f"): caret = min(caret + 1, characters.count)
        case .home, .control("a"): caret = 0
        case .end, .control("e"): caret = characters.count
        case .control("u"):
            characters.removeFirst(caret)
            caret = 0
        case .control("k"):
            characters.removeLast(characters.count - caret)
        case .control("w"):
            var start = caret
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<caret)
            caret = start
        default:
            return false
        }
        return true
    }

    /// Replaces the whole text, caret at the end (history and completion).
    public mutating func set(_ text: String) {
        characters = Array(text)
        caret = characters.count
    }

    /// The visible part for a field `width` columns wide, and the caret's column in it: the text
    /// scrolls so the caret is always shown.
    public func visible(width: Int) -> (text: String, caretColumn: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        var widthToCaret = TextWidth.columns(String(characters[0..<caret]))
        while widthToCaret > width - 1, start < caret {
            widthToCaret -= TextWidth.columns(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for c in characters[start...] {
            let w = TextWidth.columns(c)
            if used + w > width { break }
            shown.append(c)
            used += w
        }
        return (shown, widthToCaret)
    }
}
