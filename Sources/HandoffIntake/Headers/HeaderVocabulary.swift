/// Header spellings Handoff knows, per export format.
///
/// Exact spellings decide the dialect; matching a header to a field is looser (see `HeaderKey`), so
/// "FIRST NAME" or "e-mail" still land in the right field.
enum HeaderVocabulary {
    /// nil column: a known header whose values belong in attributes (HubSpot "Lead Status", Salesforce "Rating").
    typealias Entry = (header: String, column: LeadColumn?)

    static let canonical: [Entry] = [
        ("id", .externalId), ("external_id", .externalId), ("email", .email), ("first_name", .firstName),
        ("last_name", .lastName), ("title", .title), ("company", .company), ("website", .website),
        ("website_domain", .website), ("phone", .phone), ("country", .country), ("region", .region),
        ("postal_code", .postalCode), ("timezone", .timezone), ("employees", .employees),
        ("annual_revenue", .annualRevenue), ("industry", .industry), ("score", .score), ("source", .source),
        ("received_at", .receivedAt),
    ]

    /// Contact export with property labels, then with internal property names.
    static let hubSpot: [Entry] = [
        ("Record ID", .externalId), ("First Name", .firstName), ("Last Name", .lastName), ("Email", .email),
        ("Company Name", .company), ("Job Title", .title), ("Phone Number", .phone), ("Country/Region", .country),
        ("State/Region", .region), ("Postal Code", .postalCode), ("Number of Employees", .employees),
        ("Annual Revenue", .annualRevenue), ("Industry", .industry), ("Website URL", .website),
        ("Create Date", .receivedAt), ("Original Source", .source), ("Lead Status", nil), ("HubSpot Score", .score),
        ("hs_object_id", .externalId), ("email", .email), ("firstname", .firstName), ("lastname", .lastName),
        ("company", .company), ("jobtitle", .title), ("phone", .phone), ("country", .country), ("state", .region),
        ("zip", .postalCode), ("numemployees", .employees), ("annualrevenue", .annualRevenue),
        ("industry", .industry), ("website", .website), ("createdate", .receivedAt),
        ("hs_analytics_source", .source), ("hs_lead_status", nil), ("hubspotscore", .score),
    ]

    /// Lead export with API names, then a lead report with its column labels.
    static let salesforce: [Entry] = [
        ("Id", .externalId), ("FirstName", .firstName), ("LastName", .lastName), ("Company", .company),
        ("Email", .email), ("Title", .title), ("Phone", .phone), ("Country", .country), ("State", .region),
        ("PostalCode", .postalCode), ("NumberOfEmployees", .employees), ("AnnualRevenue", .annualRevenue),
        ("Industry", .industry), ("Website", .website), ("LeadSource", .source), ("CreatedDate", .receivedAt),
        ("Rating", nil),
        ("Lead ID", .externalId), ("First Name", .firstName), ("Last Name", .lastName),
        ("Company / Account", .company), ("Title", .title), ("Phone", .phone), ("Country", .country),
        ("State/Province", .region), ("Zip/Postal Code", .postalCode), ("No. of Employees", .employees),
        ("Annual Revenue", .annualRevenue), ("Industry", .industry), ("Website", .website),
        ("Lead Source", .source), ("Create Date", .receivedAt),
    ]

    /// Exact spelling -> the formats that use it and its column.
    static let exact: [String: (formats: UInt8, column: LeadColumn?)] = {
        var table: [String: (formats: UInt8, column: LeadColumn?)] = [:]
        for (entries, bit) in [(canonical, DialectTally.canonical), (hubSpot, DialectTally.hubSpot), (salesforce, DialectTally.salesforce)] {
            for entry in entries {
                table[entry.header, default: (0, entry.column)].formats |= bit
            }
        }
        return table
    }()

    /// Loose key -> column, over every format. No two spellings that differ only in case, spacing or
    /// punctuation name different fields, so the loose match cannot pick a wrong one.
    static let loose: [String: LeadColumn?] = {
        var table: [String: LeadColumn?] = [:]
        for entry in canonical + hubSpot + salesforce {
            let key = HeaderKey.loose(entry.header)
            assert(table[key] == nil || table[key]! == entry.column, "'\(entry.header)' conflicts with another spelling")
            table[key] = entry.column
        }
        return table
    }()
}

/// How one header is recognised.
struct HeaderRecognition: Sendable, Hashable {
    /// The field it fills; nil for attributes.
    var column: LeadColumn?
    /// Formats whose exact spelling it is (`DialectTally` bits); 0 when matched loosely or unknown.
    var formats: UInt8
    /// Whether it is a known header at all (a field, or an attribute a format is known to carry).
    var known: Bool

    static func of(_ header: String) -> HeaderRecognition {
        let text = HeaderKey.trimmed(header)
        if let hit = HeaderVocabulary.exact[text] { return HeaderRecognition(column: hit.column, formats: hit.formats, known: true) }
        if let hit = HeaderVocabulary.loose[HeaderKey.loose(text)] { return HeaderRecognition(column: hit, formats: 0, known: true) }
        return HeaderRecognition(column: nil, formats: 0, known: false)
    }
}
