/// The intake answer written as JSON by hand: every request gets one, and JSONEncoder's generic
/// machinery (boxes, keyed containers, key sorting) was a tenth of a single-lead request's time. The
/// text is the one JSONEncoder made with sorted keys and unescaped slashes, absent fields left out, so
/// a client sees no difference.
extension IntakeAnswer {
    func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + leads.count * 48)
        out.append(contentsOf: #"{"leads":["#.utf8)
        for (n, entry) in leads.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            var fields = JSONFields(out: out)
            fields.bool("decided", entry.decided)
            fields.string("id", entry.id)
            fields.int("index", entry.index)
            fields.int("line", entry.line)
            fields.string("owner", entry.owner)
            fields.string("reason", entry.reason)
            fields.string("state", entry.state)
            fields.string("trace", entry.trace)
            out = fields.close()
        }
        out.append(UInt8(ascii: "]"))
        if let note { out.append(contentsOf: #","note":"#.utf8); JSONFields.append(string: note, to: &out) }
        out.append(contentsOf: #","rejected":["#.utf8)
        for (n, refused) in rejected.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            var fields = JSONFields(out: out)
            fields.int("column", refused.column)
            fields.string("field", refused.field)
            fields.int("index", refused.index)
            fields.int("line", refused.line)
            fields.string("reason", refused.reason)
            out = fields.close()
        }
        out.append(contentsOf: "]}\n".utf8)
        return out
    }
}

/// One JSON object's members, written in the order given (the caller sorts them); nil values are left out.
struct JSONFields {
    private(set) var out: [UInt8]
    private var first = true

    init(out: [UInt8]) {
        self.out = out
        self.out.append(UInt8(ascii: "{"))
    }

    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        Self.append(string: value, to: &out)
    }

    mutating func int(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        out.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func close() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out
    }

    private mutating func key(_ key: String) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        Self.append(string: key, to: &out)
        out.append(UInt8(ascii: ":"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string as JSONEncoder writes it: quote, backslash and control characters escaped, the
    /// rest (slashes and non-ASCII text too) as it is.
    static func append(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
