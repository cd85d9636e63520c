import Foundation

/// Recent leads by their duplicate key (the rulebook's `duplicates.match_on` fields), newest per key.
public struct DuplicateIndex: Sendable {
    public struct Entry: Sendable, Hashable {
        public var leadId: String
        public var receivedAt: Date
    }

    private var byKey: [String: Entry] = [:]

    public init() {}

    public var count: Int { byKey.count }

    public func entry(forKey key: String) -> Entry? { byKey[key] }

    public mutating func record(key: String, leadId: String, receivedAt: Date) {
        if let existing = byKey[key], existing.receivedAt > receivedAt { return }
        byKey[key] = Entry(leadId: leadId, receivedAt: receivedAt)
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
