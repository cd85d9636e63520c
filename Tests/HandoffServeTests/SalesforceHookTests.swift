import Foundation
import Testing

/// `POST /hooks/salesforce` as Salesforce calls it: outbound messages of Leads to the real `handoff serve`.
@Suite(.serialized)
struct SalesforceHookTests {
    /// The organization in its 18-character form; the server is configured with the 15-character one.
    static let org = "00D5e000000KQ2eEAG"

    static func message(org: String = SalesforceHookTests.org, leads: [(notification: String, lead: String, company: String)],
                        type: String = "Lead") -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <soapenv:Body>
              <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
               <OrganizationId>\(org)</OrganizationId>
               <ActionId>04k5e000000CaRkAAK</ActionId>
               <SessionId xsi:nil="true"/>
               <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D5e000000KQ2e</EnterpriseUrl>
               <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D5e000000KQ2e</PartnerUrl>

            """
        for lead in leads {
            xml += """
                   <Notification>
                    <Id>\(lead.notification)</Id>
                    <sObject xsi:type="sf:\(type)" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>\(lead.lead)</sf:Id>
                     <sf:Company>\(lead.company)</sf:Company>
                     <sf:Country>US</sf:Country>
                     <sf:Email>buyer@\(lead.company.lowercased().filter(\.isLetter)).example</sf:Email>
                     <sf:NumberOfEmployees>40</sf:NumberOfEmployees>
                     <sf:Phone xsi:nil="true"/>
                    </sObject>
                   </Notification>

                """
        }
        return xml + "  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n"
    }

    static let three = [
        ("04l5e00000Gx7QzAAJ", "00Q5e00000AbCdEEAV", "Shop &amp; Co"),
        ("04l5e00000Gx7R0AAJ", "00Q5e00000AbCdFEAV", "Fjord"),
        ("04l5e00000Gx7R1AAJ", "00Q5e00000AbCdGEAV", "Tecno"),
    ]

    func post(_ serve: ServeProcess, _ xml: String) throws -> HTTPClient.Answer {
        try serve.client.post("/hooks/salesforce", token: nil, body: xml, headers: ["Content-Type": "text/xml; charset=utf-8", "SOAPAction": "\"\""])
    }

    @Test func aMessageOfSeveralLeadsIsStoredOnceAndAcknowledgedEachTime() throws {
        let serve = try ServeProcess()
        try serve.start(environment: ["HANDOFF_SALESFORCE_ORG_ID": String(Self.org.prefix(15))])

        let xml = Self.message(leads: Self.three)
        let first = try post(serve, xml)
        #expect(first.status == 200, "\(first.text)")
        #expect(first.headers["content-type"]?.hasPrefix("text/xml") == true)
        #expect(first.text.contains("<Ack>true</Ack>"), "\(first.text)")
        // Salesforce sends the message again (no Ack seen, or a retry): acknowledged, stored once.
        let again = try post(serve, xml)
        #expect(again.status == 200)
        #expect(again.text.contains("<Ack>true</Ack>"))
        // A later notification of one of the Leads, in its 15-character form, is that Lead too.
        let later = try post(serve, Self.message(leads: [("04l5e00000Gx7S9AAJ", "00Q5e00000AbCdF", "Fjord")]))
        #expect(later.text.contains("<Ack>true</Ack>"))

        let metrics = try serve.client.get("/metrics", token: ServeProcess.token).text
        #expect(metrics.contains(#"handoff_hook_records_total{crm="salesforce",outcome="stored"} 3"#), "\(metrics)")
        #expect(metrics.contains(#"handoff_hook_records_total{crm="salesforce",outcome="repeated"} 4"#), "\(metrics)")
        #expect(metrics.contains(#"handoff_http_requests_total{route="/hooks/salesforce",status="200"} 3"#), "\(metrics)")

        try serve.stop()
        let stored = try serve.storedLeads()
        #expect(stored.count == 3)
        #expect(Set(stored.compactMap(\.externalId)) == ["00Q5e00000AbCdEEAV", "00Q5e00000AbCdFEAV", "00Q5e00000AbCdGEAV"])
        let shown = try serve.run(["show", try #require(stored.first { $0.externalId == "00Q5e00000AbCdEEAV" }?.id), "--json"])
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stdout)")
        let fields = try #require(detail["fields"] as? [String: Any])
        #expect(fields["company"] as? String == "Shop & Co")
        #expect(fields["employees"] as? String == "40")
        let attributes = (fields["attributes"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) { $0[$1["name"] as? String ?? ""] = $1["value"] as? String }
        #expect(attributes["crm"] == "salesforce")
        #expect(attributes["salesforce_org"] == Self.org)
    }

    @Test func theWrongOrganizationAMalformedMessageAndOtherObjectsGetAFault() throws {
        let serve = try ServeProcess()
        let badOption = try serve.serveUntilExit(["--salesforce-org", "00D5e-not-an-id"], token: ServeProcess.token)
        #expect(badOption.status == 64)
        #expect(badOption.stderr.contains("is not a Salesforce organization id"), "\(badOption.stderr)")
        try serve.start(["--salesforce-org", Self.org])

        let wrong = try post(serve, Self.message(org: "00D5e000000XXXXEA4", leads: [Self.three[0]]))
        #expect(wrong.status == 403, "\(wrong.text)")
        #expect(wrong.text.contains("<faultcode>soapenv:Client</faultcode>"))
        #expect(wrong.text.contains("<code>wrong_organization</code>"), "\(wrong.text)")

        let malformed = try post(serve, String(Self.message(leads: [Self.three[0]]).dropLast(40)))
        #expect(malformed.status == 400)
        #expect(malformed.text.contains("<code>malformed_message</code>"), "\(malformed.text)")
        #expect(malformed.text.contains("malformed at line"), "\(malformed.text)")

        let entity = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#
        let dtd = try post(serve, entity)
        #expect(dtd.status == 400)
        #expect(dtd.text.contains("DTD"))
        #expect(!dtd.text.contains("root:"))

        let contact = try post(serve, Self.message(leads: [Self.three[0]], type: "Contact"))
        #expect(contact.status == 422)
        #expect(contact.text.contains("<code>not_a_lead</code>"), "\(contact.text)")
        #expect(contact.text.contains("sf:Contact"))

        let metrics = try serve.client.get("/metrics", token: ServeProcess.token).text
        #expect(metrics.contains(#"handoff_signature_rejections_total{reason="wrong_organization"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"handoff_http_requests_total{route="/hooks/salesforce",status="400"} 2"#), "\(metrics)")
        try serve.stop()
        #expect(try serve.storedLeads().isEmpty, "no refused message stored anything")
    }
}
