import CNcurses
import HandoffConsole

/// Turns cell styles into ncurses attributes and color pairs, allocating pairs as styles first appear.
/// Colors arrive already degraded to what the terminal can show.
struct ColorPairs {
    private var pairs: [PairKey: Int32] = [:]
    private var next: Int32 = 1
    private let colors: Bool
    private let directColor: Bool

    struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(colors: Bool) {
        self.colors = colors
        directColor = colors && handoff_colors() >= 0x1000000
    }

    /// The attributes and pair for a style.
    mutating func resolve(_ style: CellStyle) -> (attr_t, Int32) {
        var attributes = handoff_a_normal()
        if style.attributes.contains(.bold) { attributes |= handoff_a_bold() }
        if style.attributes.contains(.dim) { attributes |= handoff_a_dim() }
        if style.attributes.contains(.underline) { attributes |= handoff_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= handoff_a_reverse() }
        if style.attributes.contains(.italic) { attributes |= handoff_a_italic() }
        guard colors else { return (attributes, 0) }
        let key = PairKey(foreground: number(style.foreground), background: number(style.background))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        guard next < handoff_color_pairs() else { return (attributes, 0) }
        let pair = next
        next += 1
        init_extended_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return (attributes, pair)
    }

    /// -1 is the terminal's default color (with `use_default_colors`).
    private func number(_ color: ThemeColor) -> Int32 {
        switch color {
        case .terminalDefault: -1
        case .basic(let n): Int32(n)
        case .indexed(let n): Int32(n)
        case .rgb(let r, let g, let b):
            directColor ? Int32(r) << 16 | Int32(g) << 8 | Int32(b) : number(color.degraded(to: .indexed256))
        }
    }
}
