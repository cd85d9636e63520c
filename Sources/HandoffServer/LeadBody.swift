/// A request body as lines for the JSON Lines reader, so every shape takes the one path `handoff import`
/// takes: a JSON object is one line, an array one line per element, JSON Lines stays as it is.
struct LeadBody: Sendable {
    /// How the client numbers its records in answers: by array index, or by line.
    enum Numbering: String, Sendable {
        case index
        case line
    }

    var lines: [UInt8]
    var numbering: Numbering
    /// Records in the body, for the per-request limit (elements or non-blank lines).
    var records: Int

    /// The body as the client sent it; `ndjson` when its content type says JSON Lines.
    static func read(_ bytes: [UInt8], ndjson: Bool) throws(BodyProblem) -> LeadBody {
        if ndjson { return LeadBody(lines: bytes, numbering: .line, records: countLines(bytes)) }
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw BodyProblem("the body is empty; send one JSON lead, an array of them, or JSON Lines") }
        switch bytes[start] {
        case UInt8(ascii: "{"):
            var end = bytes.count
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            let element = try oneLine(bytes[start..<end], at: 0)
            return LeadBody(lines: element, numbering: .index, records: 1)
        case UInt8(ascii: "["):
            let elements = try split(bytes, from: start)
            var lines: [UInt8] = []
            lines.reserveCapacity(bytes.count)
            for (index, element) in elements.enumerated() {
                if index > 0 { lines.append(UInt8(ascii: "\n")) }
                lines.append(contentsOf: try oneLine(element, at: index))
            }
            return LeadBody(lines: lines, numbering: .index, records: elements.count)
        default:
            throw BodyProblem("the body is not a JSON object or array; JSON Lines need Content-Type: application/x-ndjson")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func countLines(_ bytes: [UInt8]) -> Int {
        var count = 0
        var blank = true
        for byte in bytes {
            if byte == 0x0A {
                if !blank { count += 1 }
                blank = true
            } else if !isSpace(byte) {
                blank = false
            }
        }
        return blank ? count : count + 1
    }

    /// The element with its line breaks (outside strings, where JSON allows them) made spaces: the same
    /// value on one line. A raw line break inside a string is not JSON, and is refused with its element.
    private static func oneLine(_ element: ArraySlice<UInt8>, at index: Int) throws(BodyProblem) -> [UInt8] {
        var out = Array(element)
        var inString = false
        var escaped = false
        for i in out.indices {
            let byte = out[i]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                if byte == 0x0A || byte == 0x0D {
                    throw BodyProblem("element \(index) has a line break inside a string; JSON writes it as \\n")
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == 0x0A || byte == 0x0D {
                out[i] = 0x20
            }
        }
        return out
    }

    /// The top-level elements of the array starting at `start`, as byte ranges; their own syntax is left
    /// to the reader, which quarantines a bad element with its position.
    private static func split(_ bytes: [UInt8], from start: Int) throws(BodyProblem) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart = start + 1
        var closed = false
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 {
                        appendElement(bytes[elementStart..<i], to: &elements, last: true)
                        closed = true
                    }
                case UInt8(ascii: ",") where depth == 1:
                    guard appendElement(bytes[elementStart..<i], to: &elements, last: false) else {
                        throw BodyProblem("element \(elements.count) of the array is empty (two commas in a row)")
                    }
                    elementStart = i + 1
                default: break
                }
            }
            i += 1
            if closed { break }
        }
        guard closed else { throw BodyProblem("the array is not closed: the body ends inside it") }
        while i < bytes.count {
            guard isSpace(bytes[i]) else { throw BodyProblem("text follows the array's closing ]; send one array") }
            i += 1
        }
        return elements
    }

    /// Adds a non-blank element; false when it is blank (the last may be, for `[]`).
    @discardableResult
    private static func appendElement(_ slice: ArraySlice<UInt8>, to elements: inout [ArraySlice<UInt8>], last: Bool) -> Bool {
        var lower = slice.startIndex
        var upper = slice.endIndex
        while lower < upper, isSpace(slice[lower]) { lower += 1 }
        while upper > lower, isSpace(slice[upper - 1]) { upper -= 1 }
        guard lower < upper else { return last && elements.isEmpty }
        elements.append(slice[lower..<upper])
        return true
    }
}

/// A body that cannot be read as leads at all (as opposed to one bad record among good ones).
struct BodyProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
