import Foundation
import HandoffCore
import HandoffStore

/// The JSON a webhook endpoint receives for one handback event (docs/SERVE.md describes every field).
struct WebhookBody: Encodable {
    struct LeadPart: Encodable {
        var id: String
        var externalId: String?
        var crm: String?
        var email: String?
        var company: String?
        var firstName: String?
        var lastName: String?
        /// The state the event moved the lead to.
        var state: String?
    }

    var type: String
    /// The log entry's number: with the endpoint's name, what a receiver de-duplicates on.
    var event: Int64
    var at: String
    var actor: String
    var lead: LeadPart
    var owner: String?
    var previousOwner: String?
    var reason: String?
    var rulebook: String?

    init(_ entry: HandbackEntry) {
        let e = entry.event
        let lead = entry.lead
        type = entry.handback.type
        event = e.seq
        at = Self.instant(e.at)
        actor = e.actor
        self.lead = LeadPart(
            id: e.leadId, externalId: lead.externalId, crm: lead.attributes["crm"], email: lead.email, company: lead.company,
            firstName: lead.firstName, lastName: lead.lastName, state: e.detail.to?.rawValue)
        owner = e.detail.owner
        previousOwner = e.detail.previousOwner
        reason = e.reason
        rulebook = e.rulebookVersion
    }

    static func instant(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// What a CRM write-back sends: the owner's user id on the record.
enum WriteBackBody {
    struct HubSpot: Encodable {
        struct Properties: Encodable {
            var ownerId: String
            enum CodingKeys: String, CodingKey { case ownerId = "hubspot_owner_id" }
        }
        var properties: Properties
    }

    struct Salesforce: Encodable {
        var ownerId: String
        enum CodingKeys: String, CodingKey { case ownerId = "OwnerId" }
    }

    static func json(_ crm: CRM, ownerId: String) -> String {
        switch crm {
        case .hubspot: WebhookBody.json(HubSpot(properties: .init(ownerId: ownerId)))
        case .salesforce: WebhookBody.json(Salesforce(ownerId: ownerId))
        }
    }

    /// The record's path under the CRM's base URL.
    static func path(_ crm: CRM, record: String, apiVersion: String) -> String {
        switch crm {
        case .hubspot: "/crm/v3/objects/contacts/\(record)"
        case .salesforce: "/services/data/v\(apiVersion)/sobjects/Lead/\(record)"
        }
    }
}
