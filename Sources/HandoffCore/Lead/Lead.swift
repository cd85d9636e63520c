import Foundation

/// A lead as it was received: every canonical field as the text the source gave, untouched.
///
/// Keeping the raw text means a decision can always be replayed and a bad value shown as it came.
/// `Normalizer` turns it into a `NormalizedLead` the router works on.
///
/// The fields live in one shared, immutable box, replaced when a field changes: a lead is passed and
/// copied on every routing step, and copying twenty strings one by one cost more than reading them.
public struct Lead: Sendable, Hashable, Codable {
    /// The received fields; `Codable` as the lead itself (same keys, same order).
    /// Also how a lead is built field by field (an import fills one per column): change these, then make
    /// the lead once, rather than replacing the lead's box for every field.
    public struct Fields: Sendable, Hashable, Codable {
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

        public init(id: String, receivedAt: Date, attributes: [String: String] = [:]) {
            self.id = id
            self.receivedAt = receivedAt
            self.attributes = attributes
        }

        init(
            id: String, externalId: String?, source: String?, receivedAt: Date, email: String?, firstName: String?,
            lastName: String?, title: String?, company: String?, website: String?, phone: String?, country: String?,
            region: String?, postalCode: String?, timezone: String?, employees: String?, annualRevenue: String?,
            industry: String?, score: String?, attributes: [String: String]
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

    /// Shared by copies of a lead. Immutable, so sharing it across threads needs no proof: changing a
    /// field gives the lead a new box (leads are changed rarely and read on every routing step).
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// Every field but the id; the box's own `id` is never read.
    private var box: Box

    /// Kept beside the box, not in it: every import numbers each lead it takes in, and giving a lead
    /// its id then copied all its fields into a new box (a fifteenth of the reading thread's time).
    public var id: String
    public var externalId: String? {
        get { box.fields.externalId }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.externalId }
    }
    public var source: String? {
        get { box.fields.source }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.source }
    }
    public var receivedAt: Date {
        get { box.fields.receivedAt }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.receivedAt }
    }
    public var email: String? {
        get { box.fields.email }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.email }
    }
    public var firstName: String? {
        get { box.fields.firstName }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.firstName }
    }
    public var lastName: String? {
        get { box.fields.lastName }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.lastName }
    }
    public var title: String? {
        get { box.fields.title }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.title }
    }
    public var company: String? {
        get { box.fields.company }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.company }
    }
    public var website: String? {
        get { box.fields.website }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.website }
    }
    public var phone: String? {
        get { box.fields.phone }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.phone }
    }
    public var country: String? {
        get { box.fields.country }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.country }
    }
    public var region: String? {
        get { box.fields.region }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.region }
    }
    public var postalCode: String? {
        get { box.fields.postalCode }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.postalCode }
    }
    public var timezone: String? {
        get { box.fields.timezone }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.timezone }
    }
    public var employees: String? {
        get { box.fields.employees }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.employees }
    }
    public var annualRevenue: String? {
        get { box.fields.annualRevenue }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.annualRevenue }
    }
    public var industry: String? {
        get { box.fields.industry }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.industry }
    }
    public var score: String? {
        get { box.fields.score }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.score }
    }
    public var attributes: [String: String] {
        get { box.fields.attributes }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.attributes }
    }

    public init(
        id: String, externalId: String? = nil, source: String? = nil, receivedAt: Date,
        email: String? = nil, firstName: String? = nil, lastName: String? = nil, title: String? = nil,
        company: String? = nil, website: String? = nil, phone: String? = nil, country: String? = nil,
        region: String? = nil, postalCode: String? = nil, timezone: String? = nil,
        employees: String? = nil, annualRevenue: String? = nil, industry: String? = nil,
        score: String? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        box = Box(Fields(
            id: id,
            externalId: externalId,
            source: source,
            receivedAt: receivedAt,
            email: email,
            firstName: firstName,
            lastName: lastName,
            title: title,
            company: company,
            website: website,
            phone: phone,
            country: country,
            region: region,
            postalCode: postalCode,
            timezone: timezone,
            employees: employees,
            annualRevenue: annualRevenue,
            industry: industry,
            score: score,
            attributes: attributes
        ))
    }

    /// A lead made from fields filled one by one.
    public init(fields: Fields) {
        id = fields.id
        box = Box(fields)
    }

    /// Every field at once, to change several and make a new lead.
    public var fields: Fields {
        var fields = box.fields
        fields.id = id
        return fields
    }

    public static func == (a: Lead, b: Lead) -> Bool { a.id == b.id && (a.box === b.box || a.fields == b.fields) }
    public func hash(into hasher: inout Hasher) { fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws { self.init(fields: try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
}
