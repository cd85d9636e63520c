import Foundation
import HTTPTypes
import Hummingbird

/// `POST /hooks/hubspot`: HubSpot's webhook event batches and workflow webhooks. The signature is
/// checked first (v3, else v2 or v1), then contact creations are read from HubSpot's CRM API, and the
/// answer is 200 only once their leads are stored. Any failure to read or store answers 5xx with
/// nothing stored, so HubSpot sends the request again.
struct HubSpotHook: Sendable {
    let settings: ServerSettings
    let intake: HookIntake
    let metrics: ServerMetrics
    let replays: ReplayGuard
    let crm: HubSpotCRM
    /// The real clock: signatures are timed by HubSpot's clock, never by the desk's (which `--now` may fix).
    let wallClock: @Sendable () -> Date
    let log: @Sendable (String) -> Void

    static let source = "POST /hooks/hubspot"
    static let signatureV3 = HTTPField.Name("X-HubSpot-Signature-v3")!
    static let timestamp = HTTPField.Name("X-HubSpot-Request-Timestamp")!
    static let signature = HTTPField.Name("X-HubSpot-Signature")!
    static let version = HTTPField.Name("X-HubSpot-Signature-Version")!

    func handle(_ request: Request) async -> Response {
        guard let secret = settings.hooks.hubSpotSecret else {
            return JSONAnswer.error(.serviceUnavailable, code: "hubspot_not_configured",
                                    "this server has no HubSpot client secret; start it with HANDOFF_HUBSPOT_CLIENT_SECRET set or --hubspot-secret-file FILE (docs/SERVE.md)")
        }
        let body: [UInt8]
        switch await HookRefusal.body(of: request, settings: settings) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return refusal.json
        }
        let presented = HubSpotSignature.Presented(
            v3: request.headers[Self.signatureV3], timestamp: request.headers[Self.timestamp],
            signature: request.headers[Self.signature], version: request.headers[Self.version])
        let now = wallClock()
        switch HubSpotSignature.verify(presented, secret: secret, method: request.method.rawValue, uri: signedURI(request), body: body, now: now) {
        case .failure(let rejection):
            return refused(rejection)
        case .success(let verified):
            if let signature = verified.v3Signature, let sent = verified.v3Time, !replays.first(signature, sentAt: sent, now: now) {
                return refused(.replayed)
            }
        }
        let parsed: HubSpotBody
        do {
            parsed = try HubSpotBody.read(body)
        } catch {
            return JSONAnswer.error(.badRequest, code: "body_not_hubspot", error.message)
        }
        switch parsed {
        case .contact(let id, let portal, let properties):
            return await store([CRMRecord.hubSpotContact(id: id, portal: portal, properties: properties)], ignored: nil, missing: nil)
        case .events(let events):
            return await take(events)
        }
    }

    /// The URL HubSpot called: `--public-url` and the request's path and query, else this server's
    /// address as the request's Host header names it.
    func signedURI(_ request: Request) -> String {
        let target = request.uri.string
        if let url = settings.hooks.publicURL {
            var base = url.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            return base + target
        }
        return "http://\(request.head.authority ?? settings.listen.description)\(target)"
    }

    private func refused(_ rejection: HubSpotSignature.Rejection) -> Response {
        metrics.signatureRejected(reason: rejection.rawValue)
        return JSONAnswer.error(.unauthorized, code: "signature_\(rejection.rawValue)", rejection.message)
    }

    /// Contact creations become leads, their properties read from the CRM API; other events are counted.
    private func take(_ events: [HubSpotBody.Event]) async -> Response {
        var portals: [String: String?] = [:]
        var created: [String: Date] = [:]
        var ids: [String] = []
        for event in events where event.isContactCreation {
            guard let id = event.objectId, portals[id] == nil else { continue }
            portals[id] = event.portalId
            created[id] = event.occurredAt
            ids.append(id)
        }
        let ignored = events.count - events.filter(\.isContactCreation).count
        guard ids.count <= settings.maxLeads else {
            return JSONAnswer.error(.unprocessableContent, code: "too_many_leads",
                                    "the events name \(ids.count) contacts; at most \(settings.maxLeads) a request (--max-leads)", limit: "max-leads")
        }
        guard !ids.isEmpty else { return await store([], ignored: ignored, missing: nil) }
        let contacts: HubSpotCRM.Contacts
        switch await crm.read(ids) {
        case .success(let read): contacts = read
        case .failure(let failure):
            log("HubSpot hook: \(failure.message); answered 503 so HubSpot sends the events again")
            var headers: HTTPFields = [:]
            headers[.retryAfter] = failure.retryAfter ?? "5"
            return JSONAnswer.error(.serviceUnavailable, code: failure.kind.rawValue, "nothing was stored: \(failure.message)", headers: headers)
        }
        let records = ids.compactMap { id in
            contacts.found[id].map { CRMRecord.hubSpotContact(id: id, portal: portals[id] ?? nil, properties: $0) }
        }
        // A contact created moments ago may not be readable yet: the found ones are stored, and HubSpot is
        // asked to send the events again (those leads are then repeats). One created long ago that the API
        // no longer has was deleted since: reported, not retried.
        let now = wallClock()
        let fresh = contacts.missing.filter { id in created[id].map { now.timeIntervalSince($0) < Self.readableWithin } ?? false }
        guard fresh.isEmpty else {
            if !records.isEmpty, case .failure(let refusal) = await intake.store(records, source: Self.source, crm: .hubSpot) { return refusal.json }
            log("HubSpot hook: \(fresh.count) contact(s) created moments ago cannot be read yet; answered 503 so HubSpot sends the events again")
            var headers: HTTPFields = [:]
            headers[.retryAfter] = "30"
            return JSONAnswer.error(.serviceUnavailable, code: "contacts_not_readable_yet",
                                    "the CRM API does not have contact(s) \(fresh.joined(separator: ", ")) created less than \(Int(Self.readableWithin / 60)) minutes ago; "
                                    + "the others were stored; send the events again", headers: headers)
        }
        return await store(records, ignored: ignored, missing: contacts.missing)
    }

    /// How long after its creation a contact the CRM API cannot find is taken as not readable yet.
    static let readableWithin: TimeInterval = 10 * 60

    /// Stores the records and answers 200; events ignored and contacts missing are counted only then,
    /// so a request HubSpot has to send again is not counted twice.
    private func store(_ records: [CRMRecord], ignored: Int?, missing: [String]?) async -> Response {
        var answer = HookAnswer(records: [], intake: LeadIntake(numbering: .index), stored: [])
        if !records.isEmpty {
            switch await intake.store(records, source: Self.source, crm: .hubSpot) {
            case .success(let (read, stored)): answer = HookAnswer(records: records, intake: read, stored: stored)
            case .failure(let refusal): return refusal.json
            }
        }
        metrics.hookRecords(crm: CRMRecord.CRM.hubSpot.rawValue, outcome: "ignored", ignored ?? 0)
        metrics.hookRecords(crm: CRMRecord.CRM.hubSpot.rawValue, outcome: "missing", missing?.count ?? 0)
        return JSONAnswer.response(.ok, answer.with(ignored: ignored, missing: missing))
    }
}
