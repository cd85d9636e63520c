import Foundation
import HandoffCore

/// A new lead as its table row: the lead, its idempotency key, and the columns derived from it (attributes
/// as JSON, the email key and country code searches use). A routed import makes it on the reading
/// thread, so the writing thread only binds.
public struct NewLeadRow: Sendable {
    public let lead: Lead
    package let key: String
    package let attributes: String?
    package let countryCode: String?

    public init(_ lead: Lead, key: String) {
        self.lead = lead
        self.key = key
        attributes = lead.attributes.isEmpty ? nil : NewLeadRow.json(lead.attributes)
        countryCode = Normalizer.text(lead.country).map { CountryCodes.code(for: $0) ?? $0 }
    }

    /// Sorted keys, so the same attributes are always the same text.
    package static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
