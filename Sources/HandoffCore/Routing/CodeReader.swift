/// Reads what `CodeWriter` wrote, checking every step against the bytes left: a truncated or corrupt
/// record throws `DecisionCodeError` and never reads out of bounds, traps or allocates more than the
/// record could hold.
struct CodeReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// The strings read in full so far, in order: what a back-reference's number picks (after the words').
    private var strings: [String] = []
    /// Format 2's words, numbered before the record's strings.
    private let words: [String]
    /// How many low bits of a string's header say its form (`CodeWriter.string`).
    private let formBits: UInt64

    init(_ bytes: UnsafeRawBufferPointer, words: DecisionWords? = nil) {
        self.bytes = bytes
        self.words = words?.words ?? []
        formBits = words == nil ? 1 : 2
    }

    var remaining: Int { bytes.count - offset }

    mutating func byte() throws(DecisionCodeError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A tag byte that must be one of `decode`'s values.
    mutating func tag<T>(_ what: String, _ decode: (UInt8) -> T?) throws(DecisionCodeError) -> T {
        let at = offset
        let b = try byte()
        guard let value = decode(b) else { throw .unknownTag(what, b, at: at) }
        return value
    }

    /// A byte of flags with no bit set outside `allowed`.
    mutating func flags(_ what: String, allowed: UInt8) throws(DecisionCodeError) -> UInt8 {
        try tag(what) { $0 & ~allowed == 0 ? $0 : nil }
    }

    mutating func bool() throws(DecisionCodeError) -> Bool {
        try tag("boolean") { $0 <= 1 ? $0 == 1 : nil }
    }

    mutating func varint() throws(DecisionCodeError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            // The tenth byte holds the 64th bit alone.
            if shift == 63 && b > 1 { throw .overflow(at: start) }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(DecisionCodeError) -> Int {
        Int(truncatingIfNeeded: CodeNumbers.unzigzag(try varint()))
    }

    /// A count of things that follow, each at least a byte: never more than the bytes left.
    mutating func count() throws(DecisionCodeError) -> Int {
        let at = offset
        let n = try varint()
        guard n <= UInt64(remaining) else { throw .countTooLarge(n, at: at) }
        return Int(n)
    }

    mutating func double() throws(DecisionCodeError) -> Double {
        guard offset < bytes.count else { throw .truncated(at: offset) }
        let first = bytes[offset]
        guard first & 1 == 1 else { return Double(CodeNumbers.unzigzag(try varint() >> 1)) }
        guard first == CodeNumbers.rawDouble else { throw .unknownTag("number", first, at: offset) }
        guard remaining >= 9 else { throw .truncated(at: bytes.count) }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + 1 + i]) << (8 * UInt64(i)) }
        offset += 9
        return Double(bitPattern: bits)
    }

    mutating func string() throws(DecisionCodeError) -> String {
        let at = offset
        let header = try varint()
        let value = header >> formBits
        switch header & (formBits == 1 ? 1 : 3) {
        case 0:
            let s = try literal(length: value)
            strings.append(s)
            return s
        case 1:
            if value < UInt64(words.count) { return words[Int(value)] }
            let number = value - UInt64(words.count)
            guard number < UInt64(strings.count) else { throw .badReference(value, at: at) }
            return strings[Int(number)]
        case 2:
            let before = try word(value, at: at)
            let afterAt = offset
            let after = try word(try varint(), at: afterAt)
            return before + (try literal(length: try varint())) + after
        default:
            throw .unknownTag("string form", UInt8(header & 3), at: at)
        }
    }

    /// A length and that many bytes of UTF-8, outside the table of strings (a word list's entry).
    mutating func plainString() throws(DecisionCodeError) -> String {
        try literal(length: try varint())
    }

    private func word(_ number: UInt64, at: Int) throws(DecisionCodeError) -> String {
        guard number < UInt64(words.count) else { throw .badReference(number, at: at) }
        return words[Int(number)]
    }

    private mutating func literal(length: UInt64) throws(DecisionCodeError) -> String {
        guard length <= UInt64(remaining) else { throw .truncated(at: bytes.count) }
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(length)])
        guard let s = String(validating: utf8, as: UTF8.self) else { throw .invalidUTF8(at: offset) }
        offset += Int(length)
        return s
    }

    mutating func optionalString(_ present: Bool) throws(DecisionCodeError) -> String? {
        guard present else { return nil }
        return try string()
    }
}
