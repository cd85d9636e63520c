/// How many terminal columns text takes, without asking the C library (whose answer depends on the
/// process locale): combining marks take none, East Asian wide and emoji-presentation characters two.
public enum TextWidth {
    public static func columns(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        // A variation selector 16 after a symbol asks for emoji presentation, which terminals draw wide.
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return columns(first)
    }

    public static func columns(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    public static func columns(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += columns(character) }
        return total
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, the blocks that occur in names and companies).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` columns, ending in "…" when something was cut. Never splits a
    /// character, so a wide character that would straddle the edge is left out.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let w = columns(text[index])
            if used + w > width {
                // Make room for the ellipsis.
                var kept = String(text[..<end])
                var keptWidth = used
                while keptWidth + 1 > width, let last = kept.last {
                    kept.removeLast()
                    keptWidth -= columns(last)
                }
                return kept + "…"
            }
            used += w
            index = text.index(after: index)
            end = index
        }
        return text
    }

    /// `text` truncated or padded with spaces to exactly `width` columns.
    public static func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncated(text, to: width)
        let gap = max(0, width - columns(cut))
        let pad = String(repeating: " ", count: gap)
        return alignRight ? pad + cut : cut + pad
    }
}
