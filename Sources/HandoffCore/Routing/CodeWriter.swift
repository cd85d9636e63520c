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

    /// Slots of the table a decision's writer is lent; a power of two.
    static let slotCount = 128

    private(set) var bytes: [UInt8] = []
    private let slots: UnsafeMutableBufferPointer<Slot>
    /// Strings past this many are written in full without entering the table, which keeps it at most
    /// three-quarters full. Decisions rarely hold more than a few dozen strings.
    private let referable: Int
    /// Strings written in full so far: the next one's number.
    private var written = 0
    /// Format 2's words, which strings are looked up in first and numbered before the record's own.
    let words: DecisionWords?
    /// The low bits of a string's header that say its form: one in format 1 (written in full, or a
    /// reference), two in format 2 (also: worded between two words around a value).
    private let formBits: UInt64

    /// `slots` must be a power of two (`slotCount` for a decision; a record of a few strings needs few)
    /// and outlive the writer.
    init(slots: UnsafeMutableBufferPointer<Slot>, capacity: Int, words: DecisionWords? = nil) {
        precondition(slots.count >= 4 && slots.count & (slots.count - 1) == 0, "the string table's size is a power of two")
        slots.initialize(repeating: Slot())
        referable = slots.count * 3 / 4
        self.slots = slots
        self.words = words
        formBits = words == nil ? 1 : 2
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func varint(_ value: UInt64) { Self.appendVarint(value, to: &bytes) }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
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

    /// A string, as the first of these that applies; the header is a varint whose low bits (`formBits`)
    /// say which:
    /// - a word (format 2): its number, form 1;
    /// - equal to a string written in full before in this record: its number after the words', form 1;
    /// - worded between the two words of one of `shapes` (format 2): form 2 with the first word's number,
    ///   then the second's, then the value between as a length and bytes;
    /// - otherwise in full: its UTF-8 length, form 0, then the bytes.
    /// Returns the word's number when the string is a word.
    @discardableResult
    mutating func string(_ s: String, shapes: [DecisionWords.Shape] = []) -> Int? {
        var text = s
        return text.withUTF8 { utf8 -> Int? in
            let hash = Self.hash(utf8)
            if let words, let n = words.number(of: utf8, hash: hash) {
                varint(UInt64(n) << formBits | 1)
                return n
            }
            let base = words?.count ?? 0
            let mask = slots.count - 1
            var i = hash & mask
            while slots[i].number != 0 {
                if slots[i].count == utf8.count && same(utf8, at: slots[i].start) {
                    varint(UInt64(base + slots[i].number - 1) << formBits | 1)
                    return nil
                }
                i = (i + 1) & mask
            }
            if let words {
                for shape in shapes {
                    let before = words.length(of: shape.before), after = words.length(of: shape.after)
                    guard utf8.count >= before + after, words.matches(shape.before, utf8, at: 0),
                          words.matches(shape.after, utf8, at: utf8.count - after) else { continue }
                    varint(UInt64(shape.before) << formBits | 2)
                    varint(UInt64(shape.after))
                    varint(UInt64(utf8.count - before - after))
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[before..<utf8.count - after]))
                    return nil
                }
            }
            varint(UInt64(utf8.count) << formBits)
            if written < referable { slots[i] = Slot(start: bytes.count, count: utf8.count, number: written + 1) }
            written += 1
            bytes.append(contentsOf: utf8)
            return nil
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
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
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
