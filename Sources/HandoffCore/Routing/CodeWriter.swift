import Foundation

/// Appends a coded decision's parts to one byte buffer: LEB128 varints, zigzag ints, compact doubles and
/// strings that refer back to an equal string written earlier in the same record. It runs for every
/// routed lead, so nothing here allocates but the buffer's own growth: the strings already written are
/// found through a small hash table the caller lends (stack memory), holding offsets into the buffer.
struct CodeWriter {
    /// A string written in full: where its bytes start in the buffer, how many, and its number.
    struct Slot {
        var start = 0
        var count = 0
        /// The string's number plus one; zero marks an empty slot.
        var number = 0
    }

    /// Slots of the table the caller lends; a power of two.
    static let slotCount = 128
    /// Strings past this many are written in full without entering the table, which keeps it at most
    /// three-quarters full. Decisions rarely hold more than a few dozen strings.
    static let referable = 96

    private(set) var bytes: [UInt8] = []
    private let slots: UnsafeMutableBufferPointer<Slot>
    /// Strings written in full so far: the next one's number.
    private var written = 0

    /// `slots` must hold `slotCount` slots and outlive the writer.
    init(slots: UnsafeMutableBufferPointer<Slot>, capacity: Int) {
        precondition(slots.count == Self.slotCount, "the string table has a fixed size")
        slots.initialize(repeating: Slot())
        self.slots = slots
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// A count or length: never negative.
    mutating func count(_ n: Int) { varint(UInt64(n)) }

    /// Zigzag, so small negative numbers stay short too.
    mutating func int(_ n: Int) { varint(CodeNumbers.zigzag(Int64(n))) }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// An integral value as the varint of its zigzag doubled (first byte even); anything else as the
    /// byte 1 and the eight bytes of its bit pattern, little-endian. Negative zero keeps its sign.
    mutating func double(_ x: Double) {
        if let whole = CodeNumbers.whole(x) {
            varint(CodeNumbers.zigzag(whole) << 1)
        } else {
            bytes.append(CodeNumbers.rawDouble)
            var bits = x.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }
    }

    /// A string as the varint of its number doubled plus one when an equal string was written before
    /// in this record; otherwise as the varint of its UTF-8 length doubled, then the bytes.
    mutating func string(_ s: String) {
        var text = s
        text.withUTF8 { utf8 in
            let mask = Self.slotCount - 1
            var i = Self.hash(utf8) & mask
            while slots[i].number != 0 {
                if slots[i].count == utf8.count && same(utf8, at: slots[i].start) {
                    varint(UInt64(slots[i].number - 1) << 1 | 1)
                    return
                }
                i = (i + 1) & mask
            }
            varint(UInt64(utf8.count) << 1)
            if written < Self.referable { slots[i] = Slot(start: bytes.count, count: utf8.count, number: written + 1) }
            written += 1
            bytes.append(contentsOf: utf8)
        }
    }

    /// Whether the buffer holds `utf8` at `start`.
    private func same(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        bytes.withUnsafeBytes { out in
            guard let written = out.baseAddress, let wanted = utf8.baseAddress else { return utf8.isEmpty }
            return memcmp(written + start, wanted, utf8.count) == 0
        }
    }

    /// FNV-1a: strings here are ids and short names, a handful of bytes each.
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt32 = 0x811C_9DC5
        for b in utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return Int(truncatingIfNeeded: h ^ (h >> 16))
    }
}

/// The number forms a coded decision shares between writing and reading.
enum CodeNumbers {
    /// The first byte of a double written as its bit pattern (odd, so never the start of an integral one).
    static let rawDouble: UInt8 = 1

    static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }
    static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))) }

    /// `x` as an integer when that is exact and short: whole, below 2^53 in size, and not negative zero.
    static func whole(_ x: Double) -> Int64? {
        guard x.isFinite, x.rounded(.towardZero) == x, x.magnitude < 0x1p53, !(x == 0 && x.sign == .minus) else { return nil }
        return Int64(x)
    }
}
