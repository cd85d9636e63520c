/// The ways a theme file may write a color, apart from palette names.
enum ColorText {
    /// black..white are 0-7; "bright-" adds 8, as in every 16-color terminal.
    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    static let allBasicNames = basicNames + basicNames.map { "bright-" + $0 }

    /// The terminal's own color.
    static let terminalDefaultName = "default"

    /// What a bad color is told to be instead.
    static let expected = "use a palette name, #RRGGBB, 0-255 or a basic name (red, bright-blue, ...)"

    /// `#RRGGBB`, `0`-`255`, a basic name or `default`; nil for anything else.
    static func literal(_ text: String) -> ThemeColor? {
        let t = text.lowercased()
        if t == terminalDefaultName { return .terminalDefault }
        if let i = allBasicNames.firstIndex(of: t) { return .basic(UInt8(i)) }
        if t.hasPrefix("#") { return hex(t.dropFirst()) }
        if !t.isEmpty, t.count <= 3, t.allSatisfy(\.isASCII), let n = UInt8(t) { return .indexed(n) }
        return nil
    }

    private static func hex(_ digits: Substring) -> ThemeColor? {
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let v = UInt32(digits, radix: 16) else { return nil }
        return .rgb(UInt8(v >> 16), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    }

    /// Attribute names as themes write them, in the order the docs list them.
    static let attributeNames: [(name: String, value: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}
