import Crypto

/// The hash chain over the handoff log: each entry's hash is SHA-256 of the previous entry's hash
/// (32 zero bytes before the first) followed by the entry's canonical content. Changing, removing or
/// inserting an entry changes every hash after it, so a hash kept elsewhere vouches for everything
/// before it.
///
/// The canonical content, version 1, is the entry's columns in this order, each written as:
///
/// | field | encoding |
/// |---|---|
/// | `seq`, `lead`, `lead_version` | 8 bytes, big-endian two's complement |
/// | `at` | the 8 bytes of its IEEE 754 double, big-endian |
/// | `kind`, `actor` | text (below) |
/// | `rulebook`, `reason`, `owner`, `previous_owner`, `text`, `from_state`, `to_state` | text or absent (below) |
///
/// in the order seq, lead, kind, at, actor, lead_version, rulebook, reason, owner, previous_owner, text,
/// from_state, to_state. Text is the byte 0x01, its UTF-8 length as 4 bytes big-endian, then its UTF-8
/// bytes; an absent value is the single byte 0x00. Lengths make the encoding unambiguous: no two
/// different entries have the same content.
public enum LogEntryHash {
    /// The hash before the first entry.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// One entry's fields as the log stores them (states and kinds by their stored names).
    public struct Entry: Sendable, Hashable {
        public var seq: Int64
        public var lead: Int64
        public var kind: String
        public var at: Double
        public var actor: String
        public var leadVersion: Int64
        public var rulebook: String?
        public var reason: String?
        public var owner: String?
        public var previousOwner: String?
        public var text: String?
        public var from: String?
        public var to: String?

        public init(seq: Int64, lead: Int64, kind: String, at: Double, actor: String, leadVersion: Int64, rulebook: String? = nil,
                    reason: String? = nil, owner: String? = nil, previousOwner: String? = nil, text: String? = nil,
                    from: String? = nil, to: String? = nil) {
            self.seq = seq
            self.lead = lead
            self.kind = kind
            self.at = at
            self.actor = actor
            self.leadVersion = leadVersion
            self.rulebook = rulebook
            self.reason = reason
            self.owner = owner
            self.previousOwner = previousOwner
            self.text = text
            self.from = from
            self.to = to
        }
    }

    /// The hash of `entry` following an entry whose hash is `previous`.
    public static func hash(_ entry: Entry, after previous: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        return hash(entry, after: previous, buffer: &buffer)
    }

    /// The same, building the content in `buffer` (emptied first): a writer of many entries reuses one.
    public static func hash(_ entry: Entry, after previous: [UInt8], buffer: inout [UInt8]) -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: previous)
        content(entry, into: &buffer)
        return Array(SHA256.hash(data: buffer))
    }

    /// Appends the canonical content of `entry` to `bytes` (the table above).
    public static func content(_ entry: Entry, into bytes: inout [UInt8]) {
        integer(entry.seq, &bytes)
        integer(entry.lead, &bytes)
        text(entry.kind, &bytes)
        integer(Int64(bitPattern: entry.at.bitPattern), &bytes)
        text(entry.actor, &bytes)
        integer(entry.leadVersion, &bytes)
        text(entry.rulebook, &bytes)
        text(entry.reason, &bytes)
        text(entry.owner, &bytes)
        text(entry.previousOwner, &bytes)
        text(entry.text, &bytes)
        text(entry.from, &bytes)
        text(entry.to, &bytes)
    }

    private static func integer(_ value: Int64, _ bytes: inout [UInt8]) {
        let v = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    private static func text(_ value: String?, _ bytes: inout [UInt8]) {
        guard var value else {
            bytes.append(0)
            return
        }
        value.withUTF8 { utf8 in
            bytes.append(1)
            let n = UInt32(utf8.count)
            bytes.append(UInt8(truncatingIfNeeded: n >> 24))
            bytes.append(UInt8(truncatingIfNeeded: n >> 16))
            bytes.append(UInt8(truncatingIfNeeded: n >> 8))
            bytes.append(UInt8(truncatingIfNeeded: n))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Lower-case hexadecimal, as `handoff audit anchor` prints a hash.
    public static func hex(_ hash: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hash.count * 2)
        for byte in hash {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a hash written in hexadecimal (either case), or nil for anything else than 64 digits.
    public static func bytes(hex: String) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        func digit(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        for i in stride(from: 0, to: 64, by: 2) {
            guard let high = digit(utf8[i]), let low = digit(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}
