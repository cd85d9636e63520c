import Foundation
import HandoffCore
import HandoffIntake
import HandoffStore
import HTTPTypes
import Hummingbird

/// `POST /v1/leads`: one JSON lead, an array, or JSON Lines. Answers once the leads are durably stored
/// (202 with each lead's id and each refused record's place and reason), or with `?wait=owner` /
/// `Prefer: wait=N` once they are decided too (200) or the wait is up (202, the undecided ones marked).
struct LeadsEndpoint: Sendable {
    let settings: ServerSettings
    let writer: IntakeWriter
    let routing: RoutingLoop
    let metrics: ServerMetrics
    let clock: @Sendable () -> Date

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let prefer = HTTPField.Name("Prefer")!
    static let repeated = HTTPField.Name("Handoff-Repeated")!

    func handle(_ request: Request) async -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > settings.maxBody {
            return tooLarge()
        }
        let bytes: [UInt8]
        switch await BodyReader.collect(request, limit: settings.maxBody, timeout: settings.requestTimeout) {
        case .body(let buffer): bytes = Array(buffer.readableBytesView)
        case .tooLarge: return tooLarge()
        case .timedOut:
            return JSONAnswer.error(.requestTimeout, code: "request_timeout",
                                    "the body did not arrive within \(Self.seconds(settings.requestTimeout)) s (--request-timeout)",
                                    limit: "request-timeout", headers: [.connection: "close"])
        case .failed(let message):
            return JSONAnswer.error(.badRequest, code: "body_unreadable", "could not read the body: \(message)")
        }
        let wait: Duration?
        switch waitRequested(request) {
        case .success(let value): wait = value
        case .failure(let problem): return JSONAnswer.error(.badRequest, code: "bad_wait", problem.message)
        }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let ndjson = contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/jsonl")
        let body: LeadBody
        do {
            body = try LeadBody.read(bytes, ndjson: ndjson)
        } catch {
            return JSONAnswer.error(.badRequest, code: "body_not_leads", error.message)
        }
        guard body.records <= settings.maxLeads else {
            return JSONAnswer.error(.unprocessableContent, code: "too_many_leads",
                                    "the body holds \(body.records) records; at most \(settings.maxLeads) a request (--max-leads)", limit: "max-leads")
        }
        guard body.records > 0 else {
            return JSONAnswer.error(.badRequest, code: "no_leads", "the body holds no lead; send one JSON lead, an array of them, or JSON Lines")
        }
        let key = request.headers[Self.idempotencyKey]
        if let key, key.isEmpty || key.count > 200 {
            return JSONAnswer.error(.badRequest, code: "bad_idempotency_key", "Idempotency-Key must be 1 to 200 characters")
        }
        let intake: LeadIntake
        do {
            intake = try LeadIntake.read(body, idempotencyKey: key, receivedAt: clock())
        } catch {
            return JSONAnswer.error(.badRequest, code: "body_not_leads", String(describing: error))
        }
        let stored: [StoredLeadId]
        let ticket: DecisionWaiters.Ticket?
        switch await writer.store(intake.accepted.map(\.lead), quarantine: intake.rejected.map(\.record), waits: wait != nil) {
        case .success(let answer): (stored, ticket) = (answer.ids, answer.ticket)
        case .failure(let failure):
            return JSONAnswer.error(.serviceUnavailable, code: "store_failed", "nothing was stored: \(failure.message); send the request again",
                                    headers: [.retryAfter: "1"])
        }
        let repeats = stored.filter { !$0.added }.count
        metrics.leads(received: stored.count - repeats, repeated: repeats, rejected: intake.rejected.count)

        var decided: [String: DecidedLead] = [:]
        if let wait, let ticket { decided = await routing.decisions(ticket, timeout: wait) }
        let answer = IntakeAnswer(intake: intake, stored: stored, decided: wait == nil ? nil : decided)
        let status: HTTPResponse.Status
        if stored.isEmpty {
            status = .unprocessableContent
        } else if wait != nil, decided.count == Set(stored.map(\.id)).count {
            status = .ok
        } else {
            status = .accepted
        }
        return JSONAnswer.response(status, json: answer.json(), headers: [Self.repeated: String(repeats)])
    }

    private func tooLarge() -> Response {
        JSONAnswer.error(.contentTooLarge, code: "body_too_large",
                         "the body is larger than \(settings.maxBody) bytes (--max-body); send fewer leads a request", limit: "max-body",
                         headers: [.connection: "close"])
    }

    struct WaitProblem: Error { var message: String }

    /// `?wait=owner` waits the default time; `Prefer: wait=N` N seconds, up to the limit.
    private func waitRequested(_ request: Request) -> Result<Duration?, WaitProblem> {
        if let query = request.uri.queryParameters.get("wait") {
            guard query == "owner" else { return .failure(WaitProblem(message: "wait takes 'owner' (?wait=owner), not '\(query)'")) }
            return .success(settings.waitDefault)
        }
        guard let prefer = request.headers[Self.prefer] else { return .success(nil) }
        for preference in prefer.split(separator: ",") {
            let parts = preference.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: CharacterSet.whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == "wait" else { continue }
            guard let seconds = Double(parts[1]), seconds >= 0, seconds.isFinite else {
                return .failure(WaitProblem(message: "Prefer: wait=N takes seconds, e.g. wait=2, not '\(parts[1])'"))
            }
            return .success(min(.milliseconds(Int64(seconds * 1_000)), settings.waitLimit))
        }
        return .success(nil)
    }

    static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        return atto == 0 ? String(s) : String(Double(s) + Double(atto) / 1e18)
    }
}

/// The answer to POST /v1/leads. The same request sent again gets the same answer: ids come from the
/// store (a repeat finds its leads by key), positions and reasons from the body.
struct IntakeAnswer: Encodable {
    struct Entry: Encodable {
        var index: Int?
        var line: Int?
        var id: String
        /// With a wait: whether the lead was decided in time, and the decision.
        var decided: Bool?
        var state: String?
        var owner: String?
        var reason: String?
        var trace: String?
    }

    struct Refused: Encodable {
        var index: Int?
        var line: Int?
        var column: Int
        var field: String?
        var reason: String
    }

    var leads: [Entry]
    var rejected: [Refused]
    /// Said once when records were refused: they are kept, and where to see them.
    var note: String?

    init(intake: LeadIntake, stored: [StoredLeadId], decided: [String: DecidedLead]?) {
        let byIndex = intake.numbering == .index
        leads = zip(intake.accepted, stored).map { accepted, stored in
            var entry = Entry(index: byIndex ? accepted.position : nil, line: byIndex ? nil : accepted.position, id: stored.id)
            if let decided {
                let lead = decided[stored.id]
                entry.decided = lead != nil
                entry.state = lead?.state.rawValue ?? LeadState.received.rawValue
                entry.owner = lead?.owner
                entry.reason = lead?.reason?.code
                entry.trace = lead?.summary
            }
            return entry
        }
        rejected = intake.rejected.map { refused in
            Refused(index: byIndex ? refused.position : nil, line: byIndex ? nil : refused.position,
                    column: refused.column, field: refused.field, reason: refused.reason)
        }
        if !rejected.isEmpty { note = "refused records are quarantined; `handoff quarantine` lists them" }
    }
}
