import Foundation
import Testing
@testable import HandoffServer

/// The hooks' pure parts: Salesforce ids and messages, HubSpot bodies, and records read as leads.
struct CRMHookTests {
    @Test func salesforceIdsMatchInTheirFifteenAndEighteenCharacterForms() throws {
        let short = try #require(SalesforceId("001A0000006Vm9r"))
        #expect(short.value == "001A0000006Vm9rIAC")
        #expect(SalesforceId("001A0000006Vm9rIAC") == short)
        #expect(SalesforceId("001A0000006Vm9riac") == short, "the suffix is read in any case")
        #expect(SalesforceId("001a0000006Vm9r") != short, "the 15-character form is case-sensitive")
        #expect(SalesforceId("001A0000006Vm9rAAA") == nil, "a suffix that does not match is refused")
        #expect(SalesforceId("001A0000006Vm9") == nil)
        #expect(SalesforceId("001A0000006Vm9r-AC") == nil)
    }

    static func message(org: String = "00D5e000000KQ2eEAG", notifications: [(id: String, type: String, fields: String)]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <soapenv:Body>
              <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
               <OrganizationId>\(org)</OrganizationId>
               <ActionId>04k5e000000CaRkAAK</ActionId>
               <SessionId xsi:nil="true"/>
               <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D5e000000KQ2e</EnterpriseUrl>
               <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D5e000000KQ2e</PartnerUrl>
            """
        for notification in notifications {
            xml += """
                   <Notification>
                    <Id>\(notification.id)</Id>
                    <sObject xsi:type="sf:\(notification.type)" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     \(notification.fields)
                    </sObject>
                   </Notification>
                """
        }
        return xml + "\n  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n"
    }

    @Test func anOutboundMessageGivesItsOrganizationAndEachLeadsFields() throws {
        let xml = Self.message(notifications: [
            ("04l5e00000Gx7QzAAJ", "Lead", "<sf:Id>00Q5e00000AbCdEFGH</sf:Id><sf:Company>Nordwerk &amp; Co</sf:Company><sf:Email>lena@nordwerk.example</sf:Email><sf:Phone xsi:nil=\"true\"/>"),
            ("04l5e00000Gx7R0AAJ", "Lead", "<sf:Id>00Q5e00000AbCdEFGI</sf:Id><sf:Company>Lumen</sf:Company>"),
        ])
        let message = try SalesforceMessage.read(Array(xml.utf8))
        #expect(message.organizationId == "00D5e000000KQ2eEAG")
        #expect(message.notifications.map(\.id) == ["04l5e00000Gx7QzAAJ", "04l5e00000Gx7R0AAJ"])
        #expect(message.notifications.map(\.type) == ["Lead", "Lead"])
        #expect(message.notifications[0].fields == ["Id": "00Q5e00000AbCdEFGH", "Company": "Nordwerk & Co", "Email": "lena@nordwerk.example"])
    }

    @Test(arguments: [
        ("<notifications/>", "no notifications element"),
        ("<Envelope><Body><notifications><OrganizationId>00D</OrganizationId>", "malformed"),
        ("<a><b></a>", "malformed"),
        ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "DTD"),
        ("<?xml version=\"1.0\"?><!doctype x><x/>", "DTD"),
        ("<Envelope><Body><other/></Body></Envelope>", "no notifications element"),
        ("<Envelope><Body><notifications><Notification><Id>1</Id></Notification></notifications></Body></Envelope>", "no OrganizationId"),
        ("<Envelope><Body><notifications><OrganizationId>00D</OrganizationId></notifications></Body></Envelope>", "no Notification"),
        ("<Envelope><Body><notifications><OrganizationId>00D</OrganizationId><Notification><sObject/></Notification></notifications></Body></Envelope>", "Notification 1 has no Id"),
        ("", "the body is empty"),
    ])
    func aMalformedMessageIsRefusedWithWhatIsWrong(xml: String, expected: String) {
        var caught: SOAPProblem?
        do { _ = try SalesforceMessage.read(Array(xml.utf8)) } catch { caught = error }
        #expect(caught?.message.contains(expected) == true, "\(caught?.message ?? "accepted")")
    }

    @Test func moreThanAHundredNotificationsAndDeepNestingAreRefused() {
        let many = Self.message(notifications: (0..<101).map { ("04l\($0)", "Lead", "<sf:Id>00Q5e00000AbCdEFGH</sf:Id>") })
        #expect(throws: SOAPProblem.self) { try SalesforceMessage.read(Array(many.utf8)) }
        let deep = String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
        var caught: SOAPProblem?
        do { _ = try SalesforceMessage.read(Array(deep.utf8)) } catch { caught = error }
        #expect(caught?.message.contains("deeper") == true)
    }

    @Test func hubSpotEventBatchesAndWorkflowBodiesAreToldApart() throws {
        let events = try HubSpotBody.read(Array(#"[{"eventId":1,"subscriptionType":"contact.creation","objectId":123,"portalId":62515},{"eventId":2,"subscriptionType":"contact.propertyChange","objectId":124,"portalId":62515},{"eventId":3,"subscriptionType":"object.creation","objectTypeId":"0-1","objectId":125,"portalId":62515}]"#.utf8))
        guard case .events(let list) = events else { Issue.record("not events"); return }
        #expect(list.map(\.isContactCreation) == [true, false, true])
        #expect(list.map(\.objectId) == ["123", "124", "125"])

        let legacy = try HubSpotBody.read(Array(#"{"vid": 901, "portal-id": 62515, "properties": {"email": {"value": "ana@tecno.example", "versions": []}, "numemployees": {"value": "1200"}, "firstname": {"value": null}}}"#.utf8))
        #expect(legacy == .contact(id: "901", portal: "62515", properties: ["email": "ana@tecno.example", "numemployees": "1200"]))

        let flat = try HubSpotBody.read(Array(#"{"hs_object_id": 902, "email": "kai@fjord.example", "numemployees": 40, "portalId": 62515}"#.utf8))
        #expect(flat == .contact(id: "902", portal: "62515", properties: ["hs_object_id": "902", "email": "kai@fjord.example", "numemployees": "40"]))

        #expect(throws: BodyProblem.self) { try HubSpotBody.read(Array(#"{"email": "no-id@x.example"}"#.utf8)) }
        #expect(throws: BodyProblem.self) { try HubSpotBody.read(Array(#"[{"objectId": 1}]"#.utf8)) }
        #expect(throws: BodyProblem.self) { try HubSpotBody.read(Array("not json".utf8)) }
    }

    @Test func crmRecordsAreReadAsTheImportReadsTheirFieldNames() throws {
        let records = [
            CRMRecord.hubSpotContact(id: "123", portal: "62515", properties: [
                "firstname": "Lena", "lastname": "Fischer", "email": "lena@nordwerk.example", "company": "Nordwerk",
                "country": "DE", "numemployees": "4200", "hs_lead_status": "NEW",
            ]),
            CRMRecord.salesforceLead(id: try #require(SalesforceId("00Q5e00000AbCdE")), org: try #require(SalesforceId("00D5e000000KQ2e")), fields: [
                "Company": "Lumen SA", "Country": "FR", "NumberOfEmployees": "1800", "Rating": "Hot",
            ]),
            CRMRecord.hubSpotContact(id: "124", portal: nil, properties: ["email": "x@y.example", "numemployees": "lots"]),
        ]
        let intake = try LeadIntake.read(records, source: "POST /hooks/test", receivedAt: Date(timeIntervalSince1970: 0))
        #expect(intake.accepted.count == 2)
        let hubSpot = intake.accepted[0].lead
        #expect(hubSpot.lead.externalId == "123")
        #expect(hubSpot.lead.firstName == "Lena")
        #expect(hubSpot.lead.employees == "4200")
        #expect(hubSpot.lead.attributes["crm"] == "hubspot")
        #expect(hubSpot.lead.attributes["hubspot_portal"] == "62515")
        #expect(hubSpot.lead.attributes["hs_lead_status"] == "NEW")
        #expect(hubSpot.idempotencyKey == "hubspot:62515:contact:123")
        let salesforce = intake.accepted[1].lead
        #expect(salesforce.lead.externalId == "00Q5e00000AbCdEEAV")
        #expect(salesforce.lead.company == "Lumen SA")
        #expect(salesforce.lead.attributes["crm"] == "salesforce")
        #expect(salesforce.lead.attributes["salesforce_org"] == "00D5e000000KQ2eEAG")
        #expect(salesforce.idempotencyKey == "salesforce:00D5e000000KQ2eEAG:lead:00Q5e00000AbCdEEAV")
        #expect(intake.rejected.map(\.position) == [2])
        #expect(intake.rejected.first?.field == "numemployees")
        #expect(intake.rejected.first?.record.file == "POST /hooks/test")
    }

    @Test func aBatchReadAnswerGivesTheContactsFoundAndTheIdsMissing() throws {
        let crm = HubSpotCRM(api: try #require(URL(string: "https://api.hubapi.example/")), token: "t", timeout: .seconds(1))
        #expect(crm.endpoint == "https://api.hubapi.example/crm/v3/objects/contacts/batch/read")
        let answer = #"{"status":"COMPLETE","results":[{"id":"123","properties":{"email":"a@b.example","phone":null,"numemployees":"40"},"archived":false}],"numErrors":1,"errors":[{"status":"error","category":"OBJECT_NOT_FOUND","context":{"ids":["124"]}}]}"#
        let contacts = try #require(HubSpotCRM.contacts(in: Array(answer.utf8), asked: ["123", "124"]))
        #expect(contacts.found == ["123": ["email": "a@b.example", "numemployees": "40"]])
        #expect(contacts.missing == ["124"])
        #expect(HubSpotCRM.contacts(in: Array("<html>".utf8), asked: ["1"]) == nil)
        #expect(HubSpotCRM.contacts(in: Array(#"{"results":[{"properties":{}}]}"#.utf8), asked: ["1"]) == nil, "a result without an id")
    }
}
