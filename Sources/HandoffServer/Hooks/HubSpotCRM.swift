import AsyncHTTPClient
import Foundation
import HandoffIntake
import NIOCore

/// Reads contacts from HubSpot's CRM API: one batch read (`POST /crm/v3/objects/contacts/batch/read`,
/// up to 100 ids) per 100 contacts, asking for the properties `handoff import` recognises. Runs on
/// AsyncHTTPClient's event loops; the caller awaits, blocking nothing.
struct HubSpotCRM: Sendable {
    let api: URL
    let token: String?
    let timeout: Duration

    /// The contacts found, by id, and the ids HubSpot does not have (deleted or merged since the event).
    struct Contacts: Sendable {
        var found: [String: [String: String]] = [:]
        var missing: [String] = []
    }

    /// Why the read failed; nothing of the request is stored then, and HubSpot sends it again.
    struct Failure: Error, Sendable {
        enum Kind: String, Sendable {
            case unauthorized = "crm_unauthorized"
            case rateLimited = "crm_rate_limited"
            case failed = "crm_read_failed"
        }

        var kind: Kind
        var message: String
        /// From HubSpot's 429: how many seconds to wait.
        var retryAfter: String?
    }

    static let batchLimit = 100
    static let answerLimit = 16 << 20

    var endpoint: String {
        var base = api.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/crm/v3/objects/contacts/batch/read"
    }

    func read(_ ids: [String]) async -> Result<Contacts, Failure> {
        guard let token else {
            return .failure(Failure(kind: .unauthorized, message:
                "the events name contacts whose properties are read from HubSpot's CRM API, and no access token is set: set HANDOFF_HUBSPOT_ACCESS_TOKEN or pass --hubspot-token-file FILE"))
        }
        var contacts = Contacts()
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + Self.batchLimit, ids.count)])
            switch await readBatch(chunk, token: token) {
            case .success(let batch):
                contacts.found.merge(batch.found) { first, _ in first }
                contacts.missing += batch.missing
            case .failure(let failure):
                return .failure(failure)
            }
            start += Self.batchLimit
        }
        return .success(contacts)
    }

    private struct BatchRead: Encodable {
        struct Input: Encodable { var id: String }
        var properties: [String]
        var inputs: [Input]
    }

    private func readBatch(_ ids: [String], token: String) async -> Result<Contacts, Failure> {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        let body = BatchRead(properties: CRMFieldNames.hubSpotProperties, inputs: ids.map(BatchRead.Input.init))
        request.body = .bytes(ByteBuffer(bytes: (try? JSONEncoder().encode(body)) ?? Data()))
        let status: UInt
        let retryAfter: String?
        let bytes: [UInt8]
        do {
            let (seconds, attos) = timeout.components
            let deadline = NIODeadline.now() + .nanoseconds(seconds * 1_000_000_000 + attos / 1_000_000_000)
            let response = try await HTTPClient.shared.execute(request, deadline: deadline)
            status = response.status.code
            retryAfter = response.headers.first(name: "Retry-After")
            bytes = Array(try await response.body.collect(upTo: Self.answerLimit).readableBytesView)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return .failure(Failure(kind: .failed, message: "HubSpot's CRM API did not answer within \(LeadsEndpoint.seconds(timeout)) s"))
        } catch {
            return .failure(Failure(kind: .failed, message: "could not read contacts from \(endpoint): \(error)"))
        }
        switch status {
        case 200, 207:
            guard let contacts = Self.contacts(in: bytes, asked: ids) else {
                return .failure(Failure(kind: .failed, message: "HubSpot's CRM API answered \(status) with a body that is not a batch of contacts"))
            }
            return .success(contacts)
        case 401, 403:
            return .failure(Failure(kind: .unauthorized, message:
                "HubSpot's CRM API refused the access token (\(status)); check HANDOFF_HUBSPOT_ACCESS_TOKEN or --hubspot-token-file, and that the app may read contacts (crm.objects.contacts.read)"))
        case 429:
            return .failure(Failure(kind: .rateLimited, message: "HubSpot's CRM API is rate-limiting this app (429)", retryAfter: retryAfter))
        default:
            return .failure(Failure(kind: .failed, message: "HubSpot's CRM API answered \(status)"))
        }
    }

    /// The contacts of a batch read's answer: `results[].id` and `.properties`. An id asked for and not
    /// in the results is missing.
    static func contacts(in bytes: [UInt8], asked: [String]) -> Contacts? {
        guard let answer = try? JSONValue.parse(bytes), case .array(let results)? = answer["results"] else { return nil }
        var contacts = Contacts()
        for result in results {
            guard let id = result["id"]?.idText else { return nil }
            var properties: [String: String] = [:]
            if case .object(let members)? = result["properties"] {
                for (name, value) in members { if let text = value.text { properties[name] = text } }
            }
            contacts.found[id] = properties
        }
        contacts.missing = asked.filter { contacts.found[$0] == nil }
        return contacts
    }
}
