import Foundation

/// A lead as it was received: every canonical field as the text the source gave, untouched.
///
/// Keeping the raw text means a decision can always be replayed and a bad value shown as it came.
/// `Normalizer` turns it into a `NormalizedLead` the router works on.
public struct Lead: Sendable, Hashable, Codable {
    public var id: String
    public var externalId: String?
    public var source: String?
    public var receivedAt: Date
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var title: String?
    public var company: String?
    public var website: String?
    public var phone: String?
    public var country: String?
    public var region: String?
    public var postalCode: String?
    public var timezone: String?
    public var employees: String?
    public var annualRevenue: String?
    public var industry: String?
    public var score: String?
    public var attributes: [String: String]

    public init(
        id: String, externalId: String? = nil, source: String? = nil, receivedAt: Date,
        email: String? = nil, firstName: String? = nil, lastName: String? = nil, title: String? = nil,
        company: String? = nil, website: String? = nil, phone: String? = nil, country: String? = nil,
        region: String? = nil, postalCode: String? = nil, timezone: String? = nil,
        employees: String? = nil, annualRevenue: String? = nil, industry: String? = nil,
        score: String? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        self.externalId = externalId
        self.source = source
        self.receivedAt = receivedAt
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.title = title
        self.company = company
        self.website = website
        self.phone = phone
        self.country = country
        self.region = region
        self.postalCode = postalCode
        self.timezone = timezone
        self.employees = employees
        self.annualRevenue = annualRevenue
        self.industry = industry
        self.score = score
        self.attributes = attributes
    }
}
