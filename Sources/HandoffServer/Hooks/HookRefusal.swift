import Foundation
import Hummingbird
import HandoffStore

/// Why a hook refused a request: the status, a code a program can test, what to do, and the limit at
/// fault when there is one. HubSpot's hook answers it as JSON, Salesforce's as a SOAP fault.
struct HookRefusal: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var limit: String?
    var headers: HTTPFields = [:]

    var json: Response { JSONAnswer.error(status, code: code, message, limit: limit, headers: headers) }

    /// The request's body within the server's size and time limits, as POST /v1/leads reads it.
    static func body(of request: Request, settings: ServerSettings) async -> Result<[UInt8], HookRefusal> {
        let tooLarge = HookRefusal(status: .contentTooLarge, code: "body_too_large",
                                   message: "the body is larger than \(settings.maxBody) bytes (--max-body)", limit: "max-body",
                                   headers: [.connection: "close"])
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > settings.maxBody { return .failure(tooLarge) }
        switch await BodyReader.collect(request, limit: settings.maxBody, timeout: settings.requestTimeout) {
        case .body(let buffer): return .success(Array(buffer.readableBytesView))
        case .tooLarge: return .failure(tooLarge)
        case .timedOut:
            return .failure(HookRefusal(status: .requestTimeout, code: "request_timeout",
                                        message: "the body did not arrive within \(LeadsEndpoint.seconds(settings.requestTimeout)) s (--request-timeout)",
                                        limit: "request-timeout", headers: [.connection: "close"]))
        case .failed(let message):
            return .failure(HookRefusal(status: .badRequest, code: "body_unreadable", message: "could not read the body: \(message)"))
        }
    }
}

/// The answer of a hook that stored its records: each lead's id with the CRM record it came from, and
/// the records refused (quarantined, as in a file import).
struct HookAnswer: Encodable {
    struct Entry: Encodable {
        var id: String
        var crmId: String
        var repeated: Bool

        enum CodingKeys: String, CodingKey {
            case id
            case crmId = "crm_id"
            case repeated
        }
    }

    struct Refused: Encodable {
        var crmId: String
        var field: String?
        var reason: String

        enum CodingKeys: String, CodingKey {
            case crmId = "crm_id"
            case field, reason
        }
    }

    var leads: [Entry]
    var rejected: [Refused]
    /// HubSpot events acknowledged without a lead (subscription types the hook does not route).
    var ignored: Int?
    /// Contacts named by events that HubSpot no longer has.
    var missing: [String]?

    init(records: [CRMRecord], intake: LeadIntake, stored: [StoredLeadId]) {
        leads = zip(intake.accepted, stored).map { accepted, stored in
            Entry(id: stored.id, crmId: records[accepted.position].recordId, repeated: !stored.added)
        }
        rejected = intake.rejected.map { Refused(crmId: records[$0.position].recordId, field: $0.field, reason: $0.reason) }
    }

    func with(ignored: Int?, missing: [String]?) -> HookAnswer {
        var answer = self
        answer.ignored = ignored
        answer.missing = missing
        return answer
    }
}

/// Stores a hook's records through the intake writer, as POST /v1/leads stores its leads: answered once
/// the transaction has committed, or not at all.
struct HookIntake: Sendable {
    let writer: IntakeWriter
    let metrics: ServerMetrics
    /// The desk's clock: the receive time of records that give none.
    let clock: @Sendable () -> Date

    func store(_ records: [CRMRecord], source: String, crm: CRMRecord.CRM) async -> Result<(LeadIntake, [StoredLeadId]), HookRefusal> {
        let intake: LeadIntake
        do {
            intake = try LeadIntake.read(records, source: source, receivedAt: clock())
        } catch {
            return .failure(HookRefusal(status: .badRequest, code: "body_not_leads", message: String(describing: error)))
        }
        switch await writer.store(intake.accepted.map(\.lead), quarantine: intake.rejected.map(\.record)) {
        case .success(let stored):
            let repeats = stored.filter { !$0.added }.count
            metrics.leads(received: stored.count - repeats, repeated: repeats, rejected: intake.rejected.count)
            metrics.hookRecords(crm: crm.rawValue, outcome: "stored", stored.count - repeats)
            metrics.hookRecords(crm: crm.rawValue, outcome: "repeated", repeats)
            metrics.hookRecords(crm: crm.rawValue, outcome: "rejected", intake.rejected.count)
            return .success((intake, stored))
        case .failure(let failure):
            return .failure(HookRefusal(status: .serviceUnavailable, code: "store_failed",
                                        message: "nothing was stored: \(failure.message); the request may be sent again", headers: [.retryAfter: "1"]))
        }
    }
}
