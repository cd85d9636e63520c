import Foundation

/// Recent leads by their duplicate key (the rulebook's `duplicates.match_on` fields), newest per key.
///
/// Keys are held as 64-bit FNV-1a fingerprints, not strings: the index holds every lead inside the
/// window (a million and more), and a fingerprint is 8 bytes where an address is a heap string.
/// Two different keys share a fingerprint with odds of about n² / 2⁶⁵ (3 in 100 million at a million
/// leads); the cost of such a clash is one lead flagged for a person to look at, never a lost lead.
public struct DuplicateIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var leadId: String
        public var receivedAt: Date
    }

    private var byKey: [Fingerprint: Entry] = [:]

    /// A fingerprint as a dictionary key. It is already an FNV-1a hash of the key, so the dictionary
    /// mixes it with a multiply and shifts instead of running SipHash over it again (two probes a lead).
    private struct Fingerprint: Hashable {
        let value: UInt64

        func hash(into hasher: inout Hasher) { hasher.combine(value) }

        // `Dictionary` asks for this, not `hash(into:)`; the seed keeps each table's layout its own.
        func _rawHashValue(seed: Int) -> Int {
            var h = value ^ UInt64(UInt(bitPattern: seed))
            h ^= h >> 32
            h &*= 0xD6E8_FEB8_6659_FD93
            h ^= h >> 29
            return Int(truncatingIfNeeded: h)
        }
    }

    public init(minimumCapacity: Int = 0) { byKey.reserveCapacity(minimumCapacity) }

    public var count: Int { byKey.count }

    public func entry(forKey key: String) -> Entry? { byKey[Fingerprint(value: Self.fingerprint(key))] }
    public func entry(forFingerprint fingerprint: UInt64) -> Entry? { byKey[Fingerprint(value: fingerprint)] }

    public mutating func record(key: String, leadId: String, receivedAt: Date) {
        record(fingerprint: Self.fingerprint(key), leadId: leadId, receivedAt: receivedAt)
    }

    public mutating func record(fingerprint: UInt64, leadId: String, receivedAt: Date) {
        // One probe in the common case (a newer lead); putting an older one back is rare.
        let key = Fingerprint(value: fingerprint)
        if let previous = byKey.updateValue(Entry(leadId: leadId, receivedAt: receivedAt), forKey: key),
           previous.receivedAt > receivedAt {
            byKey[key] = previous
        }
    }

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
