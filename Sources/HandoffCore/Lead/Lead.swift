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
    struct Fields: Sendable, Hashable, Codable {
        var id: String
        var externalId: String?
        var source: String?
        var receivedAt: Date
        var email: String?
        var firstName: String?
        var lastName: String?
        var title: String?
        var company: String?
        var website: String?
        var phone: String?
        var country: String?
        var region: String?
        var postalCode: String?
        var timezone: String?
        var employees: String?
        var annualRevenue: String?
        var industry: String?
        var score: String?
        var attributes: [String: String]
    }

    /// Shared by copies of a lead. Immutable, so sharing it across threads needs no proof: changing a
    /// field gives the lead a new box (leads are changed rarely, once when an import numbers them, and
    /// read on every routing step).
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public var id: String {
        get { box.fields.id }
        _modify { var fields = box.fields; defer { box = Box(fields) }; yield &fields.id }
    }
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

    public static func == (a: Lead, b: Lead) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }
}
