/// A Salesforce record id in its 18-character form. The 15-character form is case-sensitive; the three
/// characters Salesforce appends encode the case of the first fifteen, so both forms of one id give the
/// same value here, and two ids are the same record exactly when their 18-character forms are equal.
public struct SalesforceId: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Nil unless `text` is 15 or 18 letters and digits (an 18-character id whose suffix does not match
    /// its first fifteen is refused too).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 15 || bytes.count == 18, bytes.allSatisfy(Self.isAlphanumeric) else { return nil }
        let base = Array(bytes.prefix(15))
        let full = base + Self.suffix(base)
        if bytes.count == 18 {
            // The suffix is case-insensitive: Salesforce compares it so.
            guard String(decoding: bytes.suffix(3), as: UTF8.self).uppercased() == String(decoding: full.suffix(3), as: UTF8.self) else { return nil }
        }
        value = String(decoding: full, as: UTF8.self)
    }

    public var description: String { value }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// For each 5-character chunk, a bit per upper-case letter (first character lowest), as an index
    /// into A-Z then 0-5.
    private static func suffix(_ base: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)
        return (0..<3).map { chunk in
            var bits = 0
            for i in 0..<5 where (0x41...0x5A).contains(base[chunk * 5 + i]) { bits |= 1 << i }
            return alphabet[bits]
        }
    }
}
