import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// A lead's raw fields as table columns: bound one by one on insert (no JSON on the import path)
/// and read back the same way.
enum LeadColumns {
    static let names = [
        "id", "idem_key", "external_id", "received_at", "source", "email", "first_name", "last_name", "title",
        "company", "website", "phone", "country", "region", "postal_code", "timezone", "employees",
        "annual_revenue", "industry", "score", "attributes", "email_key", "country_code",
    ]

    /// The columns as a read names them: the id made from the number (since migration 21), then the rest.
    static let select = (["\(LeadId.sql("seq")) AS id"] + names.dropFirst()).joined(separator: ", ")

    /// The columns an insert binds, in `NewLeadRow.bind`'s order: the row's number in place of the id
    /// it spells.
    static let insertNames = ["seq"] + names.dropFirst()
    static let insert = insertNames.joined(separator: ", ")

    /// A lead's idempotency key as stored: `idem_key`, or, where that is NULL (the key is "id:" and the
    /// external id, as most are), made from `external_id`. `leads_by_key` indexes this very expression,
    /// so a lookup must spell it so.
    static let key = "COALESCE(idem_key, 'id:' || external_id)"

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

    static func json<T: Encodable>(_ value: T) -> String { NewLeadRow.json(value) }
}

extension NewLeadRow {
    /// Binds the columns, in `LeadColumns.insertNames` order, to parameters `offset + 1` through
    /// `offset + names.count`: `serial`, the number the lead's id spells (which the caller numbered it
    /// by), and its key only when it is not "id:" and the external id (which `LeadColumns.key` makes again).
    func bind(to statement: RawStatement, offset o: Int32 = 0, serial: Int) {
        statement.bind(o + 1, serial)
        if let external = lead.externalId, key.hasPrefix("id:"), key.utf8.dropFirst(3).elementsEqual(external.utf8) {
            statement.bindNull(o + 2)
        } else {
            statement.bind(o + 2, key)
        }
        statement.bind(o + 3, lead.externalId)
        statement.bind(o + 4, lead.receivedAt.timeIntervalSince1970)
        statement.bind(o + 5, lead.source)
        statement.bind(o + 6, lead.email)
        statement.bind(o + 7, lead.firstName)
        statement.bind(o + 8, lead.lastName)
        statement.bind(o + 9, lead.title)
        statement.bind(o + 10, lead.company)
        statement.bind(o + 11, lead.website)
        statement.bind(o + 12, lead.phone)
        statement.bind(o + 13, lead.country)
        statement.bind(o + 14, lead.region)
        statement.bind(o + 15, lead.postalCode)
        statement.bind(o + 16, lead.timezone)
        statement.bind(o + 17, lead.employees)
        statement.bind(o + 18, lead.annualRevenue)
        statement.bind(o + 19, lead.industry)
        statement.bind(o + 20, lead.score)
        statement.bind(o + 21, attributes)
        // `email_key` is no longer written: searches read `email`, and LIKE ignores ASCII case, all that the
        // key folded (36 bytes a lead). Older rows keep theirs.
        statement.bindNull(o + 22)
        statement.bind(o + 23, countryCode)
    }
}
