import Foundation
import GRDB
import HandoffCore

/// A lead's raw fields as table columns: bound one by one on insert (no JSON on the import path)
/// and read back the same way.
enum LeadColumns {
    static let names = [
        "id", "idem_key", "external_id", "received_at", "source", "email", "first_name", "last_name", "title",
        "company", "website", "phone", "country", "region", "postal_code", "timezone", "employees",
        "annual_revenue", "industry", "score", "attributes", "email_key", "country_code",
    ]

    static let select = names.joined(separator: ", ")

    static func arguments(_ lead: Lead, key: String) -> StatementArguments {
        let attributes: String? = lead.attributes.isEmpty ? nil : json(lead.attributes)
        let emailKey = Normalizer.text(lead.email).map(Normalizer.lowerASCII)
        let country = Normalizer.text(lead.country).map { CountryCodes.code(for: $0) ?? $0 }
        let values: [(any DatabaseValueConvertible)?] = [
            lead.id, key, lead.externalId, lead.receivedAt.timeIntervalSince1970, lead.source, lead.email,
            lead.firstName, lead.lastName, lead.title, lead.company, lead.website, lead.phone, lead.country,
            lead.region, lead.postalCode, lead.timezone, lead.employees, lead.annualRevenue, lead.industry,
            lead.score, attributes, emailKey, country,
        ]
        return StatementArguments(values)
    }

    /// Reads the columns in `select` order starting at `offset`.
    static func lead(from row: Row, offset: Int = 0) -> Lead {
        func text(_ i: Int) -> String? { row[offset + i] }
        var attributes: [String: String] = [:]
        if let raw = text(20), let data = raw.data(using: .utf8),
           let decoded = try? JSONDecoder().decode([String: String].self, from: data) {
            attributes = decoded
        }
        return Lead(
            id: row[offset], externalId: text(2), source: text(4),
            receivedAt: Date(timeIntervalSince1970: row[offset + 3]), email: text(5), firstName: text(6),
            lastName: text(7), title: text(8), company: text(9), website: text(10), phone: text(11),
            country: text(12), region: text(13), postalCode: text(14), timezone: text(15), employees: text(16),
            annualRevenue: text(17), industry: text(18), score: text(19), attributes: attributes
        )
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
