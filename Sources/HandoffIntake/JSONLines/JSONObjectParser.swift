/// Parses one line's JSON object from bytes: strings decoded, numbers kept as written, nested values
/// kept as their text. Hand-written because Foundation's parser turns 1.10 into 1.1, loses the position
/// of an error, and costs more than the rest of the line's import.
struct JSONObjectParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private static let maxDepth = 256

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[JSONMember], JSONProblem> {
        var parser = JSONObjectParser(bytes)
        do throws(JSONProblem) {
            return .success(try parser.object())
        } catch {
            return .failure(error)
        }
    }

    private mutating func object() throws(JSONProblem) -> [JSONMember] {
        skipSpace()
        guard i < b.count else { throw fail("the line is empty") }
        if b[i] == UInt8(ascii: "[") { throw fail("a JSON array; each line must be one object, {...}") }
        guard b[i] == UInt8(ascii: "{") else { throw fail("expected '{'; each line must be one JSON object") }
        i += 1
        var members: [JSONMember] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < b.count, b[i] == ASCII.quote else { throw fail("expected a key in double quotes") }
                let keyOffset = i
                let key = try string()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key '\(key)'") }
                i += 1
                skipSpace()
                let offset = i
                let value = try value()
                members.append(JSONMember(key: key, value: value, offset: offset, keyOffset: keyOffset))
                skipSpace()
                guard i < b.count else { throw fail("the object is not closed; expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}' after the value of '\(key)'")
            }
        }
        skipSpace()
        guard i == b.count else { throw fail("text after the object; put one object on each line") }
        return members
    }

    private mutating func value() throws(JSONProblem) -> JSONValueText {
        guard i < b.count else { throw fail("expected a value") }
        switch b[i] {
        case ASCII.quote: return .string(try string())
        case UInt8(ascii: "-"), 0x30...0x39: return .number(try number())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = i
            try skipNested(depth: 1)
            return .nested(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
        default: throw fail("expected a value (a string, number, true, false, null, object or array)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONProblem) {
        let n = word.utf8CodeUnitCount
        guard b.count - i >= n, (0..<n).allSatisfy({ b[i + $0] == word.utf8Start[$0] }) else {
            throw fail("expected a value (a string, number, true, false, null, object or array)")
        }
        i += n
    }

    /// JSON's number grammar; returns the text as written.
    private mutating func number() throws(JSONProblem) -> String {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw fail("invalid number", at: start) }
        if b[i] == 0x30 {
            i += 1
            if i < b.count, isDigit(b[i]) { throw fail("invalid number: no leading zeros", at: start) }
        } else {
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw fail("invalid number: digits must follow '.'", at: start) }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw fail("invalid number: digits must follow the exponent", at: start) }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
    }

    /// A string at `i` (on its opening quote); decoded.
    private mutating func string() throws(JSONProblem) -> String {
        let open = i
        i += 1
        let start = i
        var ascii = true
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == ASCII.quote || c == ASCII.backslash { break }
            if c < 0x20 { throw fail("a control character in a string must be escaped") }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        guard i < b.count else { throw fail("the string is not closed", at: open) }
        if b[i] == ASCII.quote {
            if !ascii, !UTF8Check.isValid(b, start, i) { throw fail("the string is not valid UTF-8", at: open) }
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }
        var out = Array(b[start..<i])
        while true {
            guard i < b.count else { throw fail("the string is not closed", at: open) }
            let c = b[i]
            if c == ASCII.quote { i += 1; break }
            if c < 0x20 { throw fail("a control character in a string must be escaped") }
            if c != ASCII.backslash { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { throw fail("the string is not closed", at: open) }
            switch b[i] {
            case ASCII.quote: out.append(ASCII.quote)
            case ASCII.backslash: out.append(ASCII.backslash)
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(ASCII.lf)
            case UInt8(ascii: "r"): out.append(ASCII.cr)
            case UInt8(ascii: "t"): out.append(ASCII.tab)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape()
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                continue
            default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(b[i])))'", at: i - 1)
            }
            i += 1
        }
        let valid = out.withUnsafeBufferPointer { UTF8Check.isValid($0, 0, $0.count) }
        guard valid else { throw fail("the string is not valid UTF-8", at: open) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\uXXXX` at `i` (on the `u`), with a following low surrogate when the first is high.
    private mutating func unicodeEscape() throws(JSONProblem) -> Unicode.Scalar {
        let at = i - 1
        let first = try hex4()
        if (0xD800...0xDBFF).contains(first) {
            guard i + 1 < b.count, b[i] == ASCII.backslash, b[i + 1] == UInt8(ascii: "u") else {
                throw fail("a \\u escape for half of a surrogate pair", at: at)
            }
            i += 1
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw fail("a \\u escape for half of a surrogate pair", at: at) }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else { throw fail("a \\u escape for half of a surrogate pair", at: at) }
        return scalar
    }

    /// Four hex digits after the `u` at `i`; leaves `i` past them.
    private mutating func hex4() throws(JSONProblem) -> UInt32 {
        let at = i - 1
        i += 1
        guard b.count - i >= 4 else { throw fail("a \\u escape needs four hex digits", at: at) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i] | 0x20
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            default: throw fail("a \\u escape needs four hex digits", at: at)
            }
            value = value << 4 | digit
            i += 1
        }
        return value
    }

    /// Validates an object or array at `i` and moves past it.
    private mutating func skipNested(depth: Int) throws(JSONProblem) {
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
        let close = b[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let isObject = close == UInt8(ascii: "}")
        i += 1
        skipSpace()
        if i < b.count, b[i] == close { i += 1; return }
        while true {
            skipSpace()
            if isObject {
                guard i < b.count, b[i] == ASCII.quote else { throw fail("expected a key in double quotes") }
                _ = try string()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                i += 1
                skipSpace()
            }
            guard i < b.count else { throw fail("expected a value") }
            if b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[") { try skipNested(depth: depth + 1) } else { _ = try value() }
            skipSpace()
            guard i < b.count else { throw fail(isObject ? "the object is not closed" : "the array is not closed") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == close { i += 1; return }
            throw fail(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
        }
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < b.count, b[i] == ASCII.space || b[i] == ASCII.tab || b[i] == ASCII.cr || b[i] == ASCII.lf { i += 1 }
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONProblem {
        JSONProblem(message: message, offset: offset ?? min(i, b.count))
    }
}
