import Foundation
/// What HubSpot sends to the hook: a batch of webhook events (a JSON array), or a workflow's "send a
/// webhook" request (one JSON object carrying the contact's properties).
enum HubSpotBody: Sendable, Equatable {
    /// One webhook event. Only contact creations name a lead; the others are acknowledged and counted.
    struct Event: Sendable, Equatable {
        var subscriptionType: String
        var objectId: String?
        var portalId: String?
        var objectTypeId: String?
        /// When the change happened, by HubSpot's clock (`occurredAt`, milliseconds since 1970).
        var occurredAt: Date?

        /// `contact.creation`, or on HubSpot's newer platform `object.creation` of a contact (type 0-1).
        var isContactCreation: Bool {
            subscriptionType == "contact.creation" || (subscriptionType == "object.creation" && objectTypeId == "0-1")
        }
    }

    case events([Event])
    case contact(id: String, portal: String?, properties: [String: String])

    static func read(_ bytes: [UInt8]) throws(BodyProblem) -> HubSpotBody {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw BodyProblem("the body is not JSON; HubSpot sends a JSON array of events or a workflow's JSON object")
        }
        switch value {
        case .array(let elements):
            var events: [Event] = []
            for (index, element) in elements.enumerated() {
                guard case .object = element, let type = element["subscriptionType"]?.text else {
                    throw BodyProblem("event \(index) has no subscriptionType; HubSpot's webhook events carry one (e.g. contact.creation)")
                }
                let event = Event(subscriptionType: type, objectId: element["objectId"]?.idText, portalId: element["portalId"]?.idText,
                                  objectTypeId: element["objectTypeId"]?.text,
                                  occurredAt: element["occurredAt"]?.text.flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1_000) })
                if event.isContactCreation, event.objectId == nil {
                    throw BodyProblem("event \(index) (\(type)) has no objectId")
                }
                events.append(event)
            }
            return .events(events)
        case .object(let members):
            return try contact(members)
        default:
            throw BodyProblem("the body is neither a JSON array of webhook events nor a workflow's JSON object")
        }
    }

    /// A workflow body: `{"properties": {"email": {"value": "..."}, ...}, "vid": 1, "portal-id": 2}` as the
    /// contact-based webhook action sends it, `properties` with plain values, or the properties flat at
    /// the top level (a customised request body).
    private static func contact(_ members: [String: JSONValue]) throws(BodyProblem) -> HubSpotBody {
        var properties: [String: String] = [:]
        if case .object(let nested)? = members["properties"] {
            for (name, value) in nested {
                if let text = (value["value"] ?? value).text { properties[name] = text }
            }
        } else {
            for (name, value) in members {
                if let text = value.text { properties[name] = text }
            }
        }
        let id = properties["hs_object_id"] ?? ["hs_object_id", "objectId", "vid", "canonical-vid", "id"].lazy.compactMap { members[$0]?.idText }.first
        guard let id, !id.isEmpty else {
            throw BodyProblem("the body names no contact: include the contact's hs_object_id (Record ID) in the workflow's webhook body")
        }
        let portal = ["portalId", "portal-id", "portal_id"].lazy.compactMap { members[$0]?.idText }.first
        for key in ["vid", "canonical-vid", "portalId", "portal-id", "portal_id", "objectId", "id"] { properties[key] = nil }
        return .contact(id: id, portal: portal, properties: properties)
    }
}
