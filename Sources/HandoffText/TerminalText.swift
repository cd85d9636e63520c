/// Text from data made safe to print on a terminal: control characters are shown escaped instead of
/// being obeyed, so a lead whose company is "\u{1B}[2J" cannot clear the screen, retitle the window
/// (OSC) or reorder what follows (bidirectional overrides). JSON output keeps the exact value instead
/// (`JSONText`).
///
/// Escaped: C0 controls (`\x1b`, `\r`, `\t`, `\0`, ...), DEL, C1 controls (U+0080 to U+009F) and the
/// bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069).
public enum TerminalText {
    /// `text` with every control character escaped. `lineBreaks` keeps "\n" (a printed block of lines);
    /// `styles` keeps the colour sequences `TextStyle` writes (ESC [ digits and semicolons m).
    public static func safe(_ text: String, lineBreaks: Bool = false, styles: Bool = false) -> String {
        guard needsEscaping(text, lineBreaks: lineBreaks) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if styles, s == "\u{1B}", let end = styleEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i..<end])
                i = end
                continue
            }
            if isControl(s, lineBreaks: lineBreaks) { out.append(contentsOf: escaped(s).unicodeScalars) } else { out.append(s) }
            i += 1
        }
        return String(out)
    }

    /// Whether `text` holds anything `safe` would change; a byte scan, since nearly all text holds nothing.
    public static func needsEscaping(_ text: String, lineBreaks: Bool = false) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 && !(lineBreaks && b == 0x0A) { return true }
            if b == 0x7F { return true }
            // U+0080...U+009F: C2 80...C2 9F.
            if previous == 0xC2, b >= 0x80, b <= 0x9F { return true }
            // U+202A...U+202E: E2 80 AA...AE; U+2066...U+2069: E2 81 A6...A9.
            if beforePrevious == 0xE2, previous == 0x80, b >= 0xAA, b <= 0xAE { return true }
            if beforePrevious == 0xE2, previous == 0x81, b >= 0xA6, b <= 0xA9 { return true }
            beforePrevious = previous
            previous = b
        }
        return false
    }

    static func isControl(_ s: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch s.value {
        case 0x0A: !lineBreaks
        case 0x00..<0x20, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\n`, `\r`, `\t`, `\0`, `\x1b`, `\u{202E}`.
    static func escaped(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\0": return "\\0"
        default:
            let hex = String(s.value, radix: 16)
            return s.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex.uppercased() + "}"
        }
    }

    /// The end of a colour sequence starting at `i` (ESC [ then digits and ';' then m), or nil.
    private static func styleEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 2 < s.count, s[i + 1] == "[" else { return nil }
        var j = i + 2
        while j < s.count, (s[j] >= "0" && s[j] <= "9") || s[j] == ";" { j += 1 }
        return j < s.count && s[j] == "m" ? j + 1 : nil
    }
}
