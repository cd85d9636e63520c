/// Spreads a 64-bit hash so its low bits, which pick a table slot, depend on all of its bits (FNV-1a's
/// low bits depend only on the low bits of each byte).
enum HashMix {
    @inline(__always)
    static func spread(_ h: UInt64) -> UInt64 {
        var h = h
        h ^= h >> 32
        h &*= 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }
}
