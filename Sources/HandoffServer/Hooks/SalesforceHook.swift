import Foundation
import Hummingbird

/// `POST /hooks/salesforce`: Salesforce outbound messages of Leads. The organization must be the one
/// configured; each Notification's Lead is stored keyed by its Lead Id (so a message Salesforce sends
/// again, with the same notification Ids, or a later notification of the same Lead, is stored once),
/// and the `Ack` is sent only once the leads are durable. Anything else gets a SOAP fault saying why;
/// Salesforce keeps a message it got no Ack for and sends it again, for up to 24 hours.
struct SalesforceHook: Sendable {
    let settings: ServerSettings
    let intake: HookIntake
    let metrics: ServerMetrics

    static let source = "POST /hooks/salesforce"

    func handle(_ request: Request) async -> Response {
        guard let organization = settings.hooks.salesforceOrg else {
            return SOAPAnswer.fault(.serviceUnavailable, server: true, code: "salesforce_not_configured",
                                    "this server takes no Salesforce messages: start it with HANDOFF_SALESFORCE_ORG_ID set or --salesforce-org ID (docs/SERVE.md)")
        }
        let body: [UInt8]
        switch await HookRefusal.body(of: request, settings: settings) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return SOAPAnswer.fault(refusal)
        }
        let message: SalesforceMessage
        do {
            message = try SalesforceMessage.read(body)
        } catch {
            return SOAPAnswer.fault(.badRequest, code: "malformed_message", error.message)
        }
        guard let sender = SalesforceId(message.organizationId) else {
            return SOAPAnswer.fault(.badRequest, code: "malformed_message",
                                    "OrganizationId '\(Self.shown(message.organizationId))' is not a Salesforce id (15 or 18 letters and digits)")
        }
        guard sender == organization else {
            metrics.signatureRejected(reason: "wrong_organization")
            return SOAPAnswer.fault(.forbidden, code: "wrong_organization",
                                    "the message comes from organization \(sender), and this server takes messages from \(organization) only (--salesforce-org)")
        }
        var records: [CRMRecord] = []
        for (index, notification) in message.notifications.enumerated() {
            let place = "Notification \(index + 1) (Id \(Self.shown(notification.id)))"
            guard notification.type == "Lead" else {
                return SOAPAnswer.fault(.unprocessableContent, code: "not_a_lead",
                                        "\(place) carries an sObject of type \(notification.type.map { "sf:\(Self.shown($0))" } ?? "none"); this endpoint takes Leads (sf:Lead)")
            }
            guard let raw = notification.fields["Id"] else {
                return SOAPAnswer.fault(.badRequest, code: "malformed_message", "\(place): its Lead has no sf:Id; the outbound message always sends it")
            }
            guard let lead = SalesforceId(raw) else {
                return SOAPAnswer.fault(.badRequest, code: "malformed_message", "\(place): sf:Id '\(Self.shown(raw))' is not a Salesforce id")
            }
            records.append(CRMRecord.salesforceLead(id: lead, org: organization, fields: notification.fields))
        }
        guard records.count <= settings.maxLeads else {
            return SOAPAnswer.fault(.unprocessableContent, code: "too_many_leads",
                                    "the message holds \(records.count) leads; at most \(settings.maxLeads) a request (--max-leads)")
        }
        switch await intake.store(records, source: Self.source, crm: .salesforce) {
        case .success: return SOAPAnswer.ack()
        case .failure(let refusal): return SOAPAnswer.fault(refusal)
        }
    }

    /// At most 40 characters of a value from the message, for a fault.
    static func shown(_ text: String) -> String {
        let safe = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return safe.count > 40 ? String(safe.prefix(40)) + "…" : safe
    }
}

/// SOAP 1.1 answers to Salesforce: the notifications `Ack`, or a fault with a code and what is wrong.
enum SOAPAnswer {
    static let contentType = "text/xml; charset=utf-8"

    static func ack() -> Response {
        envelope(.ok, #"<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>"#)
    }

    /// `server` faults are this server's (try again later); the others the message's.
    static func fault(_ status: HTTPResponse.Status, server: Bool = false, code: String, _ message: String, headers: HTTPFields = [:]) -> Response {
        let faultCode = server ? "soapenv:Server" : "soapenv:Client"
        let fault = "<soapenv:Fault><faultcode>\(faultCode)</faultcode><faultstring>\(escaped(code)): \(escaped(message))</faultstring>"
            + "<detail><code>\(escaped(code))</code></detail></soapenv:Fault>"
        return envelope(status, fault, headers: headers)
    }

    static func fault(_ refusal: HookRefusal) -> Response {
        fault(refusal.status, server: refusal.status.code >= 500, code: refusal.code, refusal.message, headers: refusal.headers)
    }

    private static func envelope(_ status: HTTPResponse.Status, _ content: String, headers: HTTPFields = [:]) -> Response {
        let text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>"#
            + content + "</soapenv:Body></soapenv:Envelope>\n"
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(text.utf8))))
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
