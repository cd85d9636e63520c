/// Strings to values, for the lookups made on every lead (accounts by domain, free-mail domains).
///
/// Open addressing over one array of slots, hashed with FNV-1a over the key's UTF-8 bytes: on the short
/// keys these tables hold, that costs a fraction of `String`'s SipHash, which was most of a lookup. A
/// slot keeps the high bits of its key's hash, so a probe rarely compares strings it cannot match. The
/// keys come from the account list and the rulebook, not from leads, and the hash is seeded per table,
/// so a lead cannot choose where its lookup lands.
struct StringTable<Value: Sendable>: Sendable {
    /// Each key beside its value: a lookup that finds its key reads the value from the same cache line.
    private var entries: [(key: String, value: Value)] = []
    /// Per slot: the hash's high 32 bits, then the entry's index plus one (0: empty).
    private var slots: [UInt64]
    private var mask: Int
    /// Two bits per key, four bits per slot (a sixteenth of the slots' size, so it stays in a near
    /// cache): most keys looked up are absent (leads from companies that are not accounts), and a
    /// clear bit says so without loading a slot from the far larger slot array.
    private var filter: [UInt64]
    private var filterMask: Int
    private let seed: UInt64

    init(minimumCapacity: Int = 0) {
        var size = 8
        while size < minimumCapacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        filter = Array(repeating: 0, count: max(1, size / 16))
        filterMask = filter.count * 64 - 1
        seed = 0xCBF2_9CE4_8422_2325 ^ UInt64.random(in: 0...UInt64.max)
        entries.reserveCapacity(minimumCapacity)
    }

    var count: Int { entries.count }

    func value(for key: String) -> Value? {
        let h = hash(key)
        guard mayHold(h) else { return nil }
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if entries[e].key == key { return entries[e].value }
            }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: String) -> Bool { value(for: key) != nil }

    /// For a table of lower-case keys: the value for `key` in any case, without a lower-cased copy when
    /// the key is ASCII (a lead's country, read for every lead's route lookup).
    func value(forCaseless key: String) -> Value? {
        var key = key
        let seed = self.seed
        let ascii: (found: Bool, value: Value?) = key.withUTF8 { u in
            var h = seed
            for b in u {
                if b >= 0x80 { return (false, nil) }
                h = (h ^ UInt64(Self.lower(b))) &* 0x0000_0100_0000_01B3
            }
            h = HashMix.spread(h)
            guard mayHold(h) else { return (true, nil) }
            let tag = h & 0xFFFF_FFFF_0000_0000
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = slots[i]
                if slot == 0 { return (true, nil) }
                if slot & 0xFFFF_FFFF_0000_0000 == tag {
                    let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                    var stored = entries[e].key
                    if stored.withUTF8({ $0.count == u.count && zip($0, u).allSatisfy { $0 == Self.lower($1) } }) { return (true, entries[e].value) }
                }
                i = (i + 1) & mask
            }
        }
        return ascii.found ? ascii.value : value(for: Normalizer.lowerASCII(key))
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Sets the value for `key`, replacing any it had.
    mutating func set(_ value: Value, for key: String) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let h = hash(key)
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            if slots[i] & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(truncatingIfNeeded: slots[i] & 0xFFFF_FFFF) - 1
                if entries[e].key == key { entries[e].value = value; return }
            }
            i = (i + 1) & mask
        }
        entries.append((key, value))
        slots[i] = tag | UInt64(entries.count)
        remember(h)
    }

    /// The filter's two bits for a hash: from bits the slot index and tag use little of.
    @inline(__always)
    private func filterBits(_ h: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: h >> 20) & filterMask, Int(truncatingIfNeeded: h >> 41) & filterMask)
    }

    @inline(__always)
    private func mayHold(_ h: UInt64) -> Bool {
        let (a, b) = filterBits(h)
        return filter[a >> 6] & (1 << UInt64(a & 63)) != 0 && filter[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    private mutating func remember(_ h: UInt64) {
        let (a, b) = filterBits(h)
        filter[a >> 6] |= 1 << UInt64(a & 63)
        filter[b >> 6] |= 1 << UInt64(b & 63)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        filter = Array(repeating: 0, count: max(1, slots.count / 16))
        filterMask = filter.count * 64 - 1
        for (e, entry) in entries.enumerated() {
            let key = entry.key
            let h = hash(key)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(e + 1)
            remember(h)
        }
    }

    /// Seeded FNV-1a, then mixed so the slot bits depend on every byte.
    @inline(__always)
    private func hash(_ key: String) -> UInt64 {
        var key = key
        let seed = self.seed
        return key.withUTF8 { u in
            var h = seed
            for b in u { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return HashMix.spread(h)
        }
    }
}
