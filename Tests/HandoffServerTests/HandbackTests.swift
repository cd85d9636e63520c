import Foundation
import HandoffCore
import HandoffStore
import Testing
@testable import HandoffServer

/// Signing, backoff, what an answer means, and what each target gets for a log entry.
struct HandbackTests {
    @Test func aFixedSecretTimeAndBodyGiveAFixedSignature() {
        // The same as `printf '%s' '1764945000.{"type":"lead.assigned"}' | openssl dgst -sha256 -hmac whsec_0123456789abcdef`.
        let header = WebhookSignature.value(secret: "whsec_0123456789abcdef", timestamp: 1_764_945_000, body: Array(#"{"type":"lead.assigned"}"#.utf8))
        #expect(header == "t=1764945000,v1=202d744bb71c5220afa78dc5567530d35fce505221c7b79555c1508e4538e527")
        let other = WebhookSignature.value(secret: "whsec_0123456789abcdef", timestamp: 1_764_945_001, body: Array(#"{"type":"lead.assigned"}"#.utf8))
        #expect(other != header)
    }

    @Test func backoffDoublesUpToItsCapWithJitterInTheUpperHalf() {
        let retry = HandbackConfig.Retry(attempts: 8, first: 2, max: 60)
        #expect(Backoff.delay(afterAttempt: 1, retry, unit: 0) == 1)
        #expect(Backoff.delay(afterAttempt: 1, retry, unit: 1) == 2)
        #expect(Backoff.delay(afterAttempt: 3, retry, unit: 0.5) == 6)
        #expect(Backoff.delay(afterAttempt: 6, retry, unit: 1) == 60)
        #expect(Backoff.delay(afterAttempt: 99, retry, unit: 0) == 30)
        var a = SeededJitter(seed: 42), b = SeededJitter(seed: 42), c = SeededJitter(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        #expect(first.allSatisfy { (0..<1).contains($0) })
    }

    let now = Date(timeIntervalSince1970: 1_764_945_000)
    let retry = HandbackConfig.Retry(attempts: 3, first: 1, max: 10)

    func next(_ answer: AttemptPolicy.Answer, crm: CRM? = nil, round: Int = 0) -> (next: DeliveryAttempt.Next, code: Int?, error: String?) {
        AttemptPolicy.next(answer, target: crm?.rawValue ?? "webhook:bot", crm: crm, fix: "HANDOFF_HUBSPOT_ACCESS_TOKEN (handback.yaml:12)",
                           roundAttempts: round, retry: retry, now: now, unit: 0)
    }

    @Test func answersAreDeliveredRetriedOrDeadLettered() {
        #expect(next(.status(204, retryAfter: nil, body: "")).next == .delivered)
        // 5xx and timeouts are tried again after the backoff; the last attempt dead-letters.
        #expect(next(.status(503, retryAfter: nil, body: "down")).next == .retry(at: now.addingTimeInterval(0.5)))
        #expect(next(.timedOut(2), round: 1).next == .retry(at: now.addingTimeInterval(1)))
        let last = next(.status(500, retryAfter: nil, body: "boom"), round: 2)
        #expect(last.next == .dead)
        #expect(last.error == "gave up after 3 attempts: 500 from webhook:bot: boom")
        // 429 waits as long as Retry-After says, when that is longer than the backoff.
        let limited = next(.status(429, retryAfter: 7, body: ""), crm: .hubspot)
        #expect(limited.next == .retry(at: now.addingTimeInterval(7)) && limited.code == 429)
        #expect(limited.error == "429 Too Many Requests (Retry-After 7 s)")
        // A refused token cannot be mended by trying again: dead-lettered at once, saying what to fix.
        let refused = next(.status(401, retryAfter: nil, body: "expired"), crm: .hubspot)
        #expect(refused.next == .dead)
        #expect(refused.error == "HubSpot refused the token (401): expired; Handoff cannot refresh a token: put a valid one in HANDOFF_HUBSPOT_ACCESS_TOKEN (handback.yaml:12), then `handoff deliveries --retry-all`")
        #expect(next(.status(404, retryAfter: nil, body: ""), crm: .salesforce).next == .dead)
        #expect(next(.status(400, retryAfter: nil, body: "bad"), crm: nil).next == .dead)
        #expect(next(.failed("connection refused")).error == "connection refused")
    }

    @Test func retryAfterReadsSecondsOrAnHTTPDate() {
        #expect(AttemptPolicy.retryAfter("12", now: now) == 12)
        #expect(AttemptPolicy.retryAfter("Fri, 05 Dec 2025 14:30:30 GMT", now: Date(timeIntervalSince1970: 1_764_945_000)) == 30)
        #expect(AttemptPolicy.retryAfter("soon", now: now) == nil)
        #expect(AttemptPolicy.excerpt(Array("bad\u{1b}[31m\nline".utf8)) == "bad [31m line")
    }

    func entry(_ kind: EventKind, to: LeadState, owner: String?, crm: String? = "hubspot", externalId: String? = "901") -> HandbackEntry {
        var attributes: [String: String] = [:]
        if let crm { attributes["crm"] = crm }
        let lead = Lead(id: "L-0000007", externalId: externalId, receivedAt: now, email: "kim@initech.us", company: "Initech", attributes: attributes)
        let event = LeadEvent(seq: 41, leadId: "L-0000007", kind: kind, at: now, actor: "router", leadVersion: 3, rulebookVersion: "abc",
                              reason: "na-smb", detail: EventDetail(owner: owner, previousOwner: nil, text: nil, from: .ready, to: to))
        return HandbackEntry(event: event, handback: HandbackEvent.of(kind, to: to)!, lead: lead, state: to)
    }

    var config: HandbackConfig {
        var config = HandbackConfig()
        config.webhooks = [HandbackConfig.Webhook(name: "bot", url: "http://127.0.0.1:1/in", events: [.assigned, .accepted],
                                                  secret: .environment("S", .init(line: 1, column: 1)), timeout: 1, place: .init(line: 1, column: 1))]
        config.crms = [
            HandbackConfig.CRMEndpoint(crm: .hubspot, baseURL: "http://127.0.0.1:2", apiVersion: "62.0",
                                       token: .environment("T", .init(line: 1, column: 1)), timeout: 1, place: .init(line: 1, column: 1)),
            HandbackConfig.CRMEndpoint(crm: .salesforce, baseURL: "http://127.0.0.1:3", apiVersion: "61.0",
                                       token: .environment("U", .init(line: 1, column: 1)), timeout: 1, place: .init(line: 1, column: 1)),
        ]
        return config
    }

    let owners: [String: Owner] = [
        "dan": { var o = Owner(id: "dan", name: "Dan"); o.crm = [.hubspot: "123", .salesforce: "005000000000001"]; return o }(),
        "eve": Owner(id: "eve", name: "Eve"),
    ]

    @Test func eachTargetGetsWhatItAskedFor() throws {
        let assigned = entry(.assigned, to: .assigned, owner: "dan")
        let hook = try #require(DeliveryPlanner.plan(target: "webhook:bot", entry: assigned, config: config, owners: owners))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(hook.body.utf8)) as? [String: Any])
        #expect(body["type"] as? String == "lead.assigned" && body["event"] as? Int == 41 && body["owner"] as? String == "dan")
        #expect((body["lead"] as? [String: Any])?["externalId"] as? String == "901")
        #expect((body["lead"] as? [String: Any])?["state"] as? String == "assigned")
        // The webhook did not ask for flags.
        #expect(DeliveryPlanner.plan(target: "webhook:bot", entry: entry(.flagged, to: .flagged, owner: nil), config: config, owners: owners) == nil)

        let hubspot = try #require(DeliveryPlanner.plan(target: "hubspot", entry: assigned, config: config, owners: owners))
        #expect(hubspot.body == #"{"properties":{"hubspot_owner_id":"123"}}"# && hubspot.path == "/crm/v3/objects/contacts/901" && hubspot.skipped == nil)
        // A HubSpot lead is not written to Salesforce; a lead from no CRM to neither.
        #expect(DeliveryPlanner.plan(target: "salesforce", entry: assigned, config: config, owners: owners) == nil)
        #expect(DeliveryPlanner.plan(target: "hubspot", entry: entry(.assigned, to: .assigned, owner: "dan", crm: nil), config: config, owners: owners) == nil)
        // Acceptance changes no owner.
        #expect(DeliveryPlanner.plan(target: "hubspot", entry: entry(.accepted, to: .accepted, owner: "dan"), config: config, owners: owners) == nil)

        let salesforce = try #require(DeliveryPlanner.plan(
            target: "salesforce", entry: entry(.reassigned, to: .assigned, owner: "dan", crm: "salesforce", externalId: "00Q5e00000AbCdE"),
            config: config, owners: owners))
        #expect(salesforce.body == #"{"OwnerId":"005000000000001"}"# && salesforce.path == "/services/data/v61.0/sobjects/Lead/00Q5e00000AbCdE")

        let noId = try #require(DeliveryPlanner.plan(target: "hubspot", entry: entry(.rerouted, to: .assigned, owner: "eve"), config: config, owners: owners))
        #expect(noId.skipped == "owner 'eve' has no hubspot id in the rulebook; add crm: {hubspot: \"...\"} to the owner for later assignments to be written back")
        let badRecord = try #require(DeliveryPlanner.plan(target: "hubspot", entry: entry(.assigned, to: .assigned, owner: "dan", externalId: "../x"),
                                                          config: config, owners: owners))
        #expect(badRecord.skipped == "the lead's externalId is not a HubSpot record id (letters and digits only)")
    }
}
