import HandoffCore

/// A byte-level check for the number shapes CRM exports use most ("1200", "1,200", "$4.5M", "1.2k",
/// "12%"), so that validating a million rows does not go through `NumberText.parse`'s general path,
/// which uses Foundation string searching and costs microseconds a value.
///
/// It only ever says yes to text `NumberText.parse` reads; anything else is handed to `NumberText`,
/// so what is accepted is exactly what the router will read later.
enum NumberShape {
    static func isNumber(_ text: String) -> Bool {
        isCommonShape(text) || NumberText.parse(text) != nil
    }

    /// `$`? `-`? digits (`,` digits)* (`.` digits)? (k | m | mm | b | bn)? `%`?, ASCII, nothing else.
    static func isCommonShape(_ text: String) -> Bool {
        var u = text.utf8.makeIterator()
        var b = u.next()
        if b == UInt8(ascii: "$") { b = u.next() }
        if b == UInt8(ascii: "-") { b = u.next() }
        var digits = 0
        // Integer part, with single commas between digits.
        while let c = b {
            if c >= 0x30 && c <= 0x39 {
                digits += 1
            } else if c == ASCII.comma, digits > 0 {
                b = u.next()
                guard let d = b, d >= 0x30 && d <= 0x39 else { return false }
                continue
            } else {
                break
            }
            b = u.next()
        }
        // More digits than a Double holds exactly goes the general way, which refuses infinity.
        guard digits > 0, digits <= 15 else { return false }
        if b == UInt8(ascii: ".") {
            b = u.next()
            var fraction = 0
            while let c = b, c >= 0x30 && c <= 0x39 { fraction += 1; b = u.next() }
            guard fraction > 0, fraction <= 15 else { return false }
        }
        if let c = b {
            switch c | 0x20 {
            case UInt8(ascii: "k"):
                b = u.next()
            case UInt8(ascii: "m"):
                b = u.next()
                if let d = b, d | 0x20 == UInt8(ascii: "m") { b = u.next() }
            case UInt8(ascii: "b"):
                b = u.next()
                if let d = b, d | 0x20 == UInt8(ascii: "n") { b = u.next() }
            default: break
            }
        }
        if b == UInt8(ascii: "%") { b = u.next() }
        return b == nil
    }
}
