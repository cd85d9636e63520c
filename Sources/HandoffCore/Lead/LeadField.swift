/// A field a rule can test: a canonical lead field, a free attribute, or a fact the router derives.
///
/// Names in the rulebook are snake_case (`annual_revenue`, `attributes.segment`, `matched_account`).
public enum LeadField: Sendable, Hashable, CustomStringConvertible {
    case id, externalId, source, receivedAt
    case email, emailDomain, firstName, lastName, title, company, websiteDomain, phone
    case country, region, postalCode, timezone
    case employees, annualRevenue, industry, score
    case attribute(String)
    // Derived facts.
    case matchedAccount, freeEmail, accountOwner, accountName

    /// Every named (non-attribute) field, in the canonical order used by tables and docs.
    public static let named: [LeadField] = [
        .id, .externalId, .source, .receivedAt,
        .email, .emailDomain, .firstName, .lastName, .title, .company, .websiteDomain, .phone,
        .country, .region, .postalCode, .timezone,
        .employees, .annualRevenue, .industry, .score,
        .matchedAccount, .freeEmail, .accountOwner, .accountName,
    ]

    public var name: String {
        switch self {
        case .id: "id"
        case .externalId: "external_id"
        case .source: "source"
        case .receivedAt: "received_at"
        case .email: "email"
        case .emailDomain: "email_domain"
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .title: "title"
        case .company: "company"
        case .websiteDomain: "website_domain"
        case .phone: "phone"
        case .country: "country"
        case .region: "region"
        case .postalCode: "postal_code"
        case .timezone: "timezone"
        case .employees: "employees"
        case .annualRevenue: "annual_revenue"
        case .industry: "industry"
        case .score: "score"
        case .attribute(let key): "attributes." + key
        case .matchedAccount: "matched_account"
        case .freeEmail: "free_email"
        case .accountOwner: "account_owner"
        case .accountName: "account_name"
        }
    }

    public var description: String { name }

    /// How a yes/no fact reads in a sentence: "matched account".
    public var label: String {
        switch self {
        case .matchedAccount: "matched account"
        case .freeEmail: "free email"
        default: name
        }
    }

    private static let byName: [String: LeadField] = Dictionary(uniqueKeysWithValues: named.map { ($0.name, $0) })

    /// Parses a snake_case field name; `attributes.NAME` yields an attribute field.
    public init?(name: String) {
        if name.hasPrefix("attributes."), name.count > "attributes.".count {
            self = .attribute(String(name.dropFirst("attributes.".count)))
        } else if let field = LeadField.byName[name] {
            self = field
        } else {
            return nil
        }
    }

    public var kind: Kind {
        switch self {
        case .employees, .annualRevenue, .score: .number
        case .matchedAccount, .freeEmail: .flag
        case .receivedAt: .time
        default: .text
        }
    }

    public enum Kind: Sendable { case text, number, flag, time }

    /// Fields a person can fill in (readiness `require` accepts these).
    public var isInput: Bool {
        switch self {
        case .matchedAccount, .freeEmail, .accountOwner, .accountName, .id, .receivedAt: false
        default: true
        }
    }
}
