import Foundation

/// A lead after normalization: trimmed text, lower-case email and domains, ISO country codes, numbers.
public struct NormalizedLead: Sendable, Hashable {
    public var id: String
    public var externalId: String?
    public var source: String?
    public var receivedAt: Date
    public var email: String?
    public var emailDomain: String?
    public var firstName: String?
    public var lastName: String?
    public var title: String?
    public var company: String?
    public var websiteDomain: String?
    public var phone: String?
    /// ISO 3166-1 alpha-2 when recognized, else the trimmed text as given.
    public var country: String?
    public var region: String?
    public var postalCode: String?
    public var timezone: String?
    public var employees: Double?
    public var annualRevenue: Double?
    public var industry: String?
    public var score: Double?
    public var attributes: [String: String]
    /// Values that could not be understood; they are treated as missing and shown in the trace.
    public var problems: [FieldProblem]

    /// The text of a plain text field; nil for missing values and for number, flag and derived fields.
    @inline(__always)
    func text(of field: LeadField) -> String? {
        switch field {
        case .country: country
        case .industry: industry
        case .source: source
        case .region: region
        case .title: title
        case .company: company
        case .emailDomain: emailDomain
        case .websiteDomain: websiteDomain
        case .postalCode: postalCode
        case .email: email
        default: nil
        }
    }

    /// A field value as conditions see it, with the facts the router derived.
    @inline(__always)
    public func value(of field: LeadField, facts: LeadFacts) -> FieldValue {
        switch field {
        case .id: .init(id)
        case .externalId: .init(externalId)
        case .source: .init(source)
        case .receivedAt: .number(receivedAt.timeIntervalSince1970)
        case .email: .init(email)
        case .emailDomain: .init(emailDomain)
        case .firstName: .init(firstName)
        case .lastName: .init(lastName)
        case .title: .init(title)
        case .company: .init(company)
        case .websiteDomain: .init(websiteDomain)
        case .phone: .init(phone)
        case .country: .init(country)
        case .region: .init(region)
        case .postalCode: .init(postalCode)
        case .timezone: .init(timezone)
        case .employees: .init(employees)
        case .annualRevenue: .init(annualRevenue)
        case .industry: .init(industry)
        case .score: .init(score)
        case .attribute(let key): .init(attributes[key])
        case .matchedAccount: .flag(facts.account != nil)
        case .freeEmail: .flag(facts.freeEmail)
        case .accountOwner: .init(facts.account?.owner)
        case .accountName: .init(facts.account?.name)
        }
    }
}

/// A value a condition tests.
public enum FieldValue: Sendable, Hashable {
    case missing
    case text(String)
    case number(Double)
    case flag(Bool)

    @inline(__always) init(_ s: String?) { self = s.map { .text($0) } ?? .missing }
    @inline(__always) init(_ n: Double?) { self = n.map { .number($0) } ?? .missing }

    /// How the value reads in a trace: numbers grouped ("4,200").
    public var display: String {
        switch self {
        case .missing: "missing"
        case .text(let s): s
        case .number(let n): NumberText.grouped(n)
        case .flag(let b): b ? "yes" : "no"
        }
    }
}

/// A value that was present but not understood.
public struct FieldProblem: Sendable, Hashable, Codable {
    public var field: String
    public var value: String
    public var message: String
}

/// What the router learned about a lead beyond its own fields.
public struct LeadFacts: Sendable, Hashable {
    public var account: Account?
    public var freeEmail: Bool

    public init(account: Account? = nil, freeEmail: Bool = false) {
        self.account = account
        self.freeEmail = freeEmail
    }
}
