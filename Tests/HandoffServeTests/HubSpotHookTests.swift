import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `POST /hooks/hubspot` as HubSpot calls it: the real `handoff serve`, signed requests of every version,
/// and HubSpot's CRM API played by a fake on another loopback port.
@Suite(.serialized)
struct HubSpotHookTests {
    static let secret = "hubspot-client-secret-0123456789"
    static let accessToken = "pat-eu1-0123456789abcdef"

    /// A workflow's "send a webhook" body, in the contact form HubSpot sends.
    static func workflowBody(id: Int, email: String, company: String = "Nordwerk", employees: String = "4200") -> String {
        #"{"vid": \#(id), "portal-id": 62515, "properties": {"hs_object_id": {"value": "\#(id)"}, "email": {"value": "\#(email)"}, "firstname": {"value": "Lena"}, "company": {"value": "\#(company)"}, "country": {"value": "DE"}, "numemployees": {"value": "\#(employees)"}}}"#
    }

    static func events(_ ids: [Int], type: String = "contact.creation", attempt: Int = 0, occurredAt: Int64 = 1764858000000) -> String {
        "[" + ids.enumerated().map { index, id in
            #"{"eventId": \#(1000 + index), "subscriptionId": 12345, "portalId": 62515, "appId": 54321, "occurredAt": \#(occurredAt), "subscriptionType": "\#(type)", "attemptNumber": \#(attempt), "objectId": \#(id), "changeSource": "CRM", "changeFlag": "NEW"}"#
        }.joined(separator: ",") + "]"
    }

    func start(_ serve: ServeProcess, publicURL: String? = nil, api: FakeHubSpotAPI? = nil) throws {
        var arguments: [String] = []
        if let publicURL { arguments += ["--public-url", publicURL] }
        if let api { arguments += ["--hubspot-api-url", api.baseURL] }
        try serve.start(arguments, environment: ["HANDOFF_HUBSPOT_CLIENT_SECRET": Self.secret, "HANDOFF_HUBSPOT_ACCESS_TOKEN": Self.accessToken])
    }

    /// Sends `body` signed v3 for `uri` (the URL HubSpot called), the timestamp `offset` seconds from now.
    func postV3(_ serve: ServeProcess, _ body: String, uri: String, offset: TimeInterval = 0, sign signed: String? = nil,
                secret: String = HubSpotHookTests.secret) throws -> HTTPClient.Answer {
        let timestamp = HubSpotSigning.timestamp(offset)
        let signature = HubSpotSigning.v3(secret: secret, method: "POST", uri: uri, body: signed ?? body, timestamp: timestamp)
        return try serve.client.post("/hooks/hubspot", token: nil, body: body,
                                     headers: ["X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp])
    }

    func metrics(_ serve: ServeProcess) throws -> String { try serve.client.get("/metrics", token: ServeProcess.token).text }

    @Test func everySignatureVersionIsCheckedAndEachRefusalSaysWhyAndIsCounted() throws {
        let serve = try ServeProcess()
        let publicURL = "https://hooks.example.com/handoff"
        try start(serve, publicURL: publicURL)
        let uri = publicURL + "/hooks/hubspot"

        // v3, signed for the public URL a proxy gives (the server's own address would not match).
        let first = try postV3(serve, Self.workflowBody(id: 901, email: "lena@nordwerk.example"), uri: uri)
        #expect(first.status == 200, "\(first.text)")
        let leads = try #require(try first.json()["leads"] as? [[String: Any]])
        #expect(leads.count == 1)
        #expect(leads.first?["crm_id"] as? String == "901")
        let local = try postV3(serve, Self.workflowBody(id: 902, email: "x@y.example"), uri: "http://127.0.0.1:\(serve.port)/hooks/hubspot")
        #expect(local.errorCode == "signature_mismatch", "\(local.text)")

        // Tampered: the body differs from the one signed.
        let tampered = try postV3(serve, Self.workflowBody(id: 903, email: "mallory@evil.example"), uri: uri,
                                  sign: Self.workflowBody(id: 903, email: "ana@tecno.example"))
        #expect(tampered.status == 401)
        #expect(tampered.errorCode == "signature_mismatch")
        #expect(try postV3(serve, Self.workflowBody(id: 904, email: "a@b.example"), uri: uri, secret: "another-secret-0123456789").errorCode == "signature_mismatch")

        // Expired (6 minutes old) and from the future (6 minutes ahead).
        #expect(try postV3(serve, Self.workflowBody(id: 905, email: "a@b.example"), uri: uri, offset: -360).errorCode == "signature_expired")
        #expect(try postV3(serve, Self.workflowBody(id: 906, email: "a@b.example"), uri: uri, offset: 360).errorCode == "signature_future")

        // Replayed: the very same request a second time.
        let body = Self.workflowBody(id: 907, email: "kai@fjord.example")
        let timestamp = HubSpotSigning.timestamp()
        let headers = ["X-HubSpot-Signature-v3": HubSpotSigning.v3(secret: Self.secret, method: "POST", uri: uri, body: body, timestamp: timestamp),
                       "X-HubSpot-Request-Timestamp": timestamp]
        #expect(try serve.client.post("/hooks/hubspot", token: nil, body: body, headers: headers).status == 200)
        let replay = try serve.client.post("/hooks/hubspot", token: nil, body: body, headers: headers)
        #expect(replay.status == 401)
        #expect(replay.errorCode == "signature_replayed")

        // v2 (workflows of older apps): secret + method + URI + body.
        let v2Body = Self.workflowBody(id: 908, email: "marc@lumen.example", company: "Lumen SA")
        let v2 = try serve.client.post("/hooks/hubspot", token: nil, body: v2Body, headers: [
            "X-HubSpot-Signature": HubSpotSigning.v2(secret: Self.secret, method: "POST", uri: uri, body: v2Body), "X-HubSpot-Signature-Version": "v2",
        ])
        #expect(v2.status == 200, "\(v2.text)")
        let v2Tampered = try serve.client.post("/hooks/hubspot", token: nil, body: v2Body.replacingOccurrences(of: "Lumen SA", with: "Evil SA"), headers: [
            "X-HubSpot-Signature": HubSpotSigning.v2(secret: Self.secret, method: "POST", uri: uri, body: v2Body), "X-HubSpot-Signature-Version": "v2",
        ])
        #expect(v2Tampered.errorCode == "signature_mismatch")

        // v1: secret + body. It carries no time, so a repeat is accepted and stores nothing twice.
        let v1Body = Self.workflowBody(id: 909, email: "joe@shop.example", company: "Shop")
        let v1Headers = ["X-HubSpot-Signature": HubSpotSigning.v1(secret: Self.secret, body: v1Body), "X-HubSpot-Signature-Version": "v1"]
        let v1 = try serve.client.post("/hooks/hubspot", token: nil, body: v1Body, headers: v1Headers)
        #expect(v1.status == 200, "\(v1.text)")
        let v1Again = try serve.client.post("/hooks/hubspot", token: nil, body: v1Body, headers: v1Headers)
        #expect(v1Again.status == 200)
        let again = try #require(try v1Again.json()["leads"] as? [[String: Any]])
        #expect(again.first?["repeated"] as? Bool == true)
        #expect(again.first?["id"] as? String == (try v1.json()["leads"] as? [[String: Any]])?.first?["id"] as? String)
        let v1Tampered = try serve.client.post("/hooks/hubspot", token: nil, body: v1Body + " ", headers: v1Headers)
        #expect(v1Tampered.errorCode == "signature_mismatch")

        #expect(try serve.client.post("/hooks/hubspot", token: nil, body: v1Body).errorCode == "signature_missing")
        #expect(try serve.client.post("/hooks/hubspot", token: nil, body: v1Body, headers: ["X-HubSpot-Signature": "abc", "X-HubSpot-Signature-Version": "v7"])
            .errorCode == "signature_unknown_version")

        let text = try metrics(serve)
        #expect(text.contains(#"handoff_signature_rejections_total{reason="mismatch"} 5"#), "\(text)")
        for reason in ["expired", "future", "replayed", "missing", "unknown_version"] {
            #expect(text.contains(#"handoff_signature_rejections_total{reason="\#(reason)"} 1"#), "\(reason): \(text)")
        }
        #expect(text.contains(#"handoff_http_requests_total{route="/hooks/hubspot",status="401"} 10"#), "\(text)")
        #expect(text.contains(#"handoff_http_requests_total{route="/hooks/hubspot",status="200"} 5"#), "\(text)")

        try serve.stop()
        let stored = try serve.storedLeads()
        #expect(Set(stored.compactMap(\.externalId)) == ["901", "907", "908", "909"])
        let shown = try serve.run(["show", try #require(stored.first { $0.externalId == "901" }?.id), "--json"])
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stdout)")
        let fields = try #require(detail["fields"] as? [String: Any])
        #expect(fields["email"] as? String == "lena@nordwerk.example")
        #expect(fields["employees"] as? String == "4200")
        let attributes = (fields["attributes"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) { $0[$1["name"] as? String ?? ""] = $1["value"] as? String }
        #expect(attributes["crm"] == "hubspot", "\(fields)")
        #expect(attributes["hubspot_portal"] == "62515", "\(fields)")
        #expect(!serve.stdout.contains(Self.secret) && !serve.stderr.contains(Self.secret), "the secret was printed")
    }

    /// A contact created a moment ago that the CRM API cannot find yet is not given up: the others are
    /// stored and HubSpot is asked to send the events again; the repeat stores the late one, once.
    @Test func aContactNotReadableYetIsAskedForAgain() throws {
        let api = try FakeHubSpotAPI()
        api.add(contact: "123", ["email": "lena@nordwerk.example", "company": "Nordwerk", "country": "DE"])
        let serve = try ServeProcess()
        try start(serve, api: api)
        let uri = "http://127.0.0.1:\(serve.port)/hooks/hubspot"
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        let batch = Self.events([123, 126], occurredAt: now)

        let first = try postV3(serve, batch, uri: uri)
        #expect(first.status == 503, "\(first.text)")
        #expect(first.errorCode == "contacts_not_readable_yet", "\(first.text)")
        #expect(first.text.contains("126"), "\(first.text)")
        #expect(first.headers["retry-after"] != nil, "\(first.headers)")

        api.add(contact: "126", ["email": "ida@fjord.example", "company": "Fjord AS", "country": "NO"])
        let again = try postV3(serve, batch, uri: uri)
        #expect(again.status == 200, "\(again.text)")
        let leads = try again.json()["leads"] as? [[String: Any]] ?? []
        #expect(leads.map { $0["crm_id"] as? String } == ["123", "126"])
        #expect(leads.map { $0["repeated"] as? Bool } == [true, false], "the lead stored the first time is a repeat")
        try serve.stop()
        #expect(try serve.storedLeads().compactMap(\.externalId).sorted() == ["123", "126"])
    }

    @Test func contactCreationsAreReadFromTheCRMInOneBatchAndOtherEventsAcknowledged() throws {
        let api = try FakeHubSpotAPI()
        api.add(contact: "123", ["email": "lena@nordwerk.example", "firstname": "Lena", "lastname": "Fischer", "company": "Nordwerk",
                                 "country": "DE", "numemployees": "4200", "hs_lead_status": "NEW"])
        api.add(contact: "124", ["email": "marc@lumen.example", "company": "Lumen SA", "country": "FR", "numemployees": "1800"])
        let serve = try ServeProcess()
        try start(serve, api: api)
        let uri = "http://127.0.0.1:\(serve.port)/hooks/hubspot"

        let batch = "[" + [Self.events([123, 124]), Self.events([124], type: "contact.propertyChange"), Self.events([125])]
            .map { $0.dropFirst().dropLast() }.joined(separator: ",") + "]"
        let answer = try postV3(serve, batch, uri: uri)
        #expect(answer.status == 200, "\(answer.text)")
        let body = try answer.json()
        #expect((body["leads"] as? [[String: Any]])?.map { $0["crm_id"] as? String } == ["123", "124"])
        #expect(body["ignored"] as? Int == 1)
        #expect(body["missing"] as? [String] == ["125"], "a contact HubSpot no longer has is reported, not retried")

        let reads = api.received
        #expect(reads.count == 1, "one batch read for the whole request")
        #expect(reads.first?.path == "/crm/v3/objects/contacts/batch/read")
        #expect(reads.first?.authorization == "Bearer \(Self.accessToken)")
        #expect(reads.first?.body.contains(#""numemployees""#) == true, "the properties the import knows are asked for")

        let text = try metrics(serve)
        #expect(text.contains(#"handoff_hook_records_total{crm="hubspot",outcome="ignored"} 1"#), "\(text)")
        #expect(text.contains(#"handoff_hook_records_total{crm="hubspot",outcome="stored"} 2"#), "\(text)")
        #expect(text.contains(#"handoff_hook_records_total{crm="hubspot",outcome="missing"} 1"#), "\(text)")
        try serve.stop()
        let stored = try serve.storedLeads()
        #expect(Set(stored.compactMap(\.externalId)) == ["123", "124"])
    }

    /// 500, 429 and 401 as HubSpot answers them; 0 for no answer within the read timeout (4 s).
    @Test(arguments: [500, 429, 401, 0])
    func aFailedCRMReadAnswers503AndStoresNothingUntilHubSpotSendsAgain(status: Int) throws {
        let api = try FakeHubSpotAPI()
        api.add(contact: "321", ["email": "ana@tecno.example", "company": "Tecno", "country": "BR"])
        api.set(status == 0 ? .slow(5) : .status(status))
        let serve = try ServeProcess()
        try start(serve, api: api)
        let uri = "http://127.0.0.1:\(serve.port)/hooks/hubspot"

        let failed = try postV3(serve, Self.events([321]), uri: uri)
        #expect(failed.status == 503, "\(failed.text)")
        let expected = [500: "crm_read_failed", 429: "crm_rate_limited", 401: "crm_unauthorized", 0: "crm_read_failed"][status]
        #expect(failed.errorCode == expected, "\(failed.text)")
        if status == 0 { #expect(failed.text.contains("did not answer within 4 s"), "\(failed.text)") }
        if status == 429 { #expect(failed.headers["retry-after"] == "7") }
        #expect(!failed.text.contains(Self.accessToken))

        // HubSpot's retry: a new attempt, a new timestamp and signature.
        api.set(.normal)
        let retried = try postV3(serve, Self.events([321], attempt: 1), uri: uri)
        #expect(retried.status == 200, "\(retried.text)")
        let text = try metrics(serve)
        #expect(text.contains(#"handoff_hook_records_total{crm="hubspot",outcome="stored"} 1"#), "\(text)")
        #expect(text.contains(#"handoff_http_requests_total{route="/hooks/hubspot",status="503"} 1"#), "\(text)")
        try serve.stop()
        #expect(try serve.storedLeads().map(\.externalId) == ["321"])
        #expect(!serve.stderr.contains(Self.accessToken), "the access token was printed")
    }

    @Test func withoutASecretTheHookSaysHowToConfigureIt() throws {
        let serve = try ServeProcess()
        try serve.start()
        let answer = try serve.client.post("/hooks/hubspot", token: nil, body: Self.events([1]))
        #expect(answer.status == 503)
        #expect(answer.errorCode == "hubspot_not_configured")
        #expect(answer.text.contains("HANDOFF_HUBSPOT_CLIENT_SECRET"))
        let salesforce = try serve.client.post("/hooks/salesforce", token: nil, body: "<x/>", headers: ["Content-Type": "text/xml"])
        #expect(salesforce.status == 503)
        #expect(salesforce.text.contains("salesforce_not_configured"))
        #expect(salesforce.text.contains("<soapenv:Fault>"))
    }

    @Test func aSecretFileOthersCanReadIsRefusedAtStart() throws {
        let serve = try ServeProcess()
        let file = serve.directory.appendingPathComponent("hubspot-secret")
        try "\(Self.secret)\n".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o644)
        let refused = try serve.serveUntilExit(["--hubspot-secret-file", file.path], token: ServeProcess.token)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("chmod 600"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(Self.secret))

        chmod(file.path, 0o600)
        try serve.start(["--hubspot-secret-file", file.path])
        let body = Self.workflowBody(id: 77, email: "eve@x.example")
        let answer = try serve.client.post("/hooks/hubspot", token: nil, body: body, headers: [
            "X-HubSpot-Signature": HubSpotSigning.v1(secret: Self.secret, body: body), "X-HubSpot-Signature-Version": "v1",
        ])
        #expect(answer.status == 200, "\(answer.text)")
    }
}
