import Foundation

/// Recent leads by their duplicate key (the rulebook's `duplicates.match_on` fields), newest per key.
///
/// Keys are held as 64-bit FNV-1a fingerprints, not strings: the index holds every lead inside the
/// window (a million and more), and a fingerprint is 8 bytes where an address is a heap string.
/// Two different keys share a fingerprint with odds of about n² / 2⁶⁵ (3 in 100 million at a million
/// leads); the cost of such a clash is one lead flagged for a person to look at, never a lost lead.
///
/// The table is open addressing over one array of slots that hold the fingerprint and the entry side
/// by side: a lookup in an index of a million leads reads one cache line where a `Dictionary` read
/// its keys and its values from two far-apart arrays, two misses for every lead checked.
public struct DuplicateIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var leadId: String
        public var receivedAt: Date
    }

    private struct Slot: Sendable {
        /// 0: empty (a fingerprint of 0 is stored as 1).
        var fingerprint: UInt64
        var entry: Entry
    }

    private var slots: [Slot]
    private var mask: Int
    public private(set) var count = 0

    public init(minimumCapacity: Int = 0) {
        var size = 16
        while size * 3 < minimumCapacity * 4 { size *= 2 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    private static let empty = Slot(fingerprint: 0, entry: Entry(leadId: "", receivedAt: .distantPast))

    /// Whether `entry` is of a lead that came before `leadId`, received at `receivedAt`: received earlier,
    /// or at the same instant and stored first (ids are "L-" and a zero-padded number that grows wider
    /// past seven digits, so a shorter id is an earlier one and same-width ids compare as text). The
    /// index keeps the newest lead by received time, and a simulation replays leads in that order, so
    /// live routing and replays agree on which lead is the original.
    public static func isEarlier(_ entry: Entry, than leadId: String, receivedAt: Date) -> Bool {
        if entry.receivedAt != receivedAt { return entry.receivedAt < receivedAt }
        let width = entry.leadId.utf8.count, other = leadId.utf8.count
        return width != other ? width < other : entry.leadId < leadId
    }

    public func entry(forKey key: String) -> Entry? { entry(forFingerprint: Self.fingerprint(key)) }

    public func entry(forFingerprint fingerprint: UInt64) -> Entry? {
        let f = Self.stored(fingerprint)
        return slots.withUnsafeBufferPointer { slots in
            var i = Self.home(f) & mask
            while true {
                let here = slots[i].fingerprint
                if here == f { return slots[i].entry }
                if here == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    public mutating func record(key: String, leadId: String, receivedAt: Date) {
        record(fingerprint: Self.fingerprint(key), leadId: leadId, receivedAt: receivedAt)
    }

    public mutating func record(fingerprint: UInt64, leadId: String, receivedAt: Date) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let f = Self.stored(fingerprint)
        var i = Self.home(f) & mask
        while true {
            let here = slots[i].fingerprint
            if here == f {
                // An older lead put back (a restart reading the log out of order) keeps the newer one.
                if slots[i].entry.receivedAt <= receivedAt { slots[i].entry = Entry(leadId: leadId, receivedAt: receivedAt) }
                return
            }
            if here == 0 {
                slots[i] = Slot(fingerprint: f, entry: Entry(leadId: leadId, receivedAt: receivedAt))
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.fingerprint != 0 {
            var i = Self.home(slot.fingerprint) & mask
            while slots[i].fingerprint != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    @inline(__always)
    private static func stored(_ fingerprint: UInt64) -> UInt64 { fingerprint == 0 ? 1 : fingerprint }

    /// The slot a fingerprint starts from.
    @inline(__always)
    private static func home(_ f: UInt64) -> Int { Int(truncatingIfNeeded: HashMix.spread(f)) }

    /// FNV-1a over the key's UTF-8 bytes.
    @inline(__always)
    public static func fingerprint(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Remembers a lead decided elsewhere (before a restart, or by another process).
    public mutating func remember(_ lead: Lead, on fields: [LeadField]) {
        if let key = DuplicateIndex.key(of: Normalizer.normalize(lead), on: fields, facts: LeadFacts()) {
            record(key: key, leadId: lead.id, receivedAt: lead.receivedAt)
        }
    }

    /// Fields the normalizer already lower-cased.
    @inline(__always)
    private static func isLowerCased(_ field: LeadField) -> Bool {
        field == .email || field == .emailDomain || field == .websiteDomain
    }

    /// The key of a lead under `fields`, or nil when any of them is missing (such a lead is never a duplicate).
    @inline(__always)
    public static func key(of lead: NormalizedLead, on fields: [LeadField], facts: LeadFacts) -> String? {
        if fields.count == 1 {
            guard case .text(let s) = lead.value(of: fields[0], facts: facts) else { return nil }
            return isLowerCased(fields[0]) ? s : s.lowercased()
        }
        var parts: [String] = []
        parts.reserveCapacity(fields.count)
        for field in fields {
            switch lead.value(of: field, facts: facts) {
            case .missing: return nil
            case .text(let s): parts.append(isLowerCased(field) ? s : s.lowercased())
            case let other: parts.append(other.display)
            }
        }
        return parts.joined(separator: "\u{1F}")
    }
}
