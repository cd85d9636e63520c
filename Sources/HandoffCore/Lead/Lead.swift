import Foundation

/// A lead as it was received: every canonical field as the text the source gave, untouched.
///
/// Keeping the raw text means a decision can always be replayed and a bad value shown as it came.
/// `Normalizer` turns it into a `NormalizedLead` the router works on.
///
/// The fields live in one shared box, copied only when a copy is changed: a lead is passed and copied
/// on every routing step, and copying twenty strings one by one cost more than reading them.
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

    /// Shared by copies of a lead until one of them changes a field.
    // Safe to share across threads: `fields` is only written after `makeUnique`, so only while the
    // box is uniquely referenced (a shared box is copied first), so no box is written while another
    // lead, on any thread, can read it.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public var id: String {
        get { box.fields.id }
        _modify { makeUnique(); yield &box.fields.id }
    }
    public var externalId: String? {
        get { box.fields.externalId }
        _modify { makeUnique(); yield &box.fields.externalId }
    }
    public var source: String? {
        get { box.fields.source }
        _modify { makeUnique(); yield &box.fields.source }
    }
    public var receivedAt: Date {
        get { box.fields.receivedAt }
        _modify { makeUnique(); yield &box.fields.receivedAt }
    }
    public var email: String? {
        get { box.fields.email }
        _modify { makeUnique(); yield &box.fields.email }
    }
    public var firstName: String? {
        get { box.fields.firstName }
        _modify { makeUnique(); yield &box.fields.firstName }
    }
    public var lastName: String? {
        get { box.fields.lastName }
        _modify { makeUnique(); yield &box.fields.lastName }
    }
    public var title: String? {
        get { box.fields.title }
        _modify { makeUnique(); yield &box.fields.title }
    }
    public var company: String? {
        get { box.fields.company }
        _modify { makeUnique(); yield &box.fields.company }
    }
    public var website: String? {
        get { box.fields.website }
        _modify { makeUnique(); yield &box.fields.website }
    }
    public var phone: String? {
        get { box.fields.phone }
        _modify { makeUnique(); yield &box.fields.phone }
    }
    public var country: String? {
        get { box.fields.country }
        _modify { makeUnique(); yield &box.fields.country }
    }
    public var region: String? {
        get { box.fields.region }
        _modify { makeUnique(); yield &box.fields.region }
    }
    public var postalCode: String? {
        get { box.fields.postalCode }
        _modify { makeUnique(); yield &box.fields.postalCode }
    }
    public var timezone: String? {
        get { box.fields.timezone }
        _modify { makeUnique(); yield &box.fields.timezone }
    }
    public var employees: String? {
        get { box.fields.employees }
        _modify { makeUnique(); yield &box.fields.employees }
    }
    public var annualRevenue: String? {
        get { box.fields.annualRevenue }
        _modify { makeUnique(); yield &box.fields.annualRevenue }
    }
    public var industry: String? {
        get { box.fields.industry }
        _modify { makeUnique(); yield &box.fields.industry }
    }
    public var score: String? {
        get { box.fields.score }
        _modify { makeUnique(); yield &box.fields.score }
    }
    public var attributes: [String: String] {
        get { box.fields.attributes }
        _modify { makeUnique(); yield &box.fields.attributes }
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
