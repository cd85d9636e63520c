import HandoffCore

/// A `Lead` field an input column can fill. Names are the rulebook's snake_case names, plus `website`
/// for the raw site (the router derives `website_domain` from it).
public enum LeadColumn: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case externalId = "external_id"
    case source
    case receivedAt = "received_at"
    case email
    case firstName = "first_name"
    case lastName = "last_name"
    case title, company, website, phone, country, region
    case postalCode = "postal_code"
    case timezone, employees
    case annualRevenue = "annual_revenue"
    case industry, score

    public var name: String { rawValue }
    public var description: String { rawValue }

    /// Other names a mapping file may use. An input's `id` is the sending system's id: Handoff assigns
    /// its own lead ids, so `id` means `external_id`.
    public static let aliases: [String: LeadColumn] = ["id": .externalId, "website_domain": .website]

    /// A canonical name or an alias.
    public init?(name: String) {
        if let column = LeadColumn(rawValue: name) ?? LeadColumn.aliases[name] { self = column } else { return nil }
    }

    /// Columns whose text must read as a number (`NumberText`), or the record is quarantined.
    public var isNumber: Bool { self == .employees || self == .annualRevenue || self == .score }
}

extension Lead.Fields {
    /// Sets a text field. `receivedAt` is a date and is set by the caller, never here.
    @inline(__always)
    mutating func set(_ column: LeadColumn, _ value: String) {
        switch column {
        case .externalId: externalId = value
        case .source: source = value
        case .receivedAt: break
        case .email: email = value
        case .firstName: firstName = value
        case .lastName: lastName = value
        case .title: title = value
        case .company: company = value
        case .website: website = value
        case .phone: phone = value
        case .country: country = value
        case .region: region = value
        case .postalCode: postalCode = value
        case .timezone: timezone = value
        case .employees: employees = value
        case .annualRevenue: annualRevenue = value
        case .industry: industry = value
        case .score: score = value
        }
    }
}
