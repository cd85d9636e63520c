import Foundation
import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct CRMExportTests {
    @Test func hubSpotLabelsExport() throws {
        let run = try Sample.importLeads(CRMExports.hubSpotLabels, name: "hubspot.csv")
        #expect(run.summary.dialect == .hubSpot)
        #expect(run.summary.attributeColumns == ["Lead Status"])
        #expect(run.summary.accepted == 2 && run.summary.quarantined == 4)

        let ana = try #require(run.leads.first).lead
        #expect(ana == Lead(
            id: "L-0000001", externalId: "501", source: "Organic Search", receivedAt: Sample.utc(2026, 11, 24, 14, 3),
            email: "ana@acme.com", firstName: "Ana", lastName: "Souza", title: "VP Sales", company: "Acme GmbH",
            website: "https://www.acme.com", phone: "+49 30 1234", country: "Germany", region: "Berlin", postalCode: "10115",
            employees: "1,200", annualRevenue: "$4.5M", industry: "Software", score: "42", attributes: ["Lead Status": "New"]))
        let ben = run.leads[1]
        #expect(ben.line == 3)
        #expect(ben.lead.company == "Globex \"Labs\"")
        #expect(ben.lead.title == "Head of Ops,\r\nEMEA")
        #expect(ben.lead.employees == "1.2k")
        #expect(ben.lead.score == nil)
        #expect(ben.lead.receivedAt == Sample.utc(2026, 11, 24, 14, 3))

        let q = run.quarantined
        #expect(q.map(\.spot) == ["6:62", "7:38", "8:9", "9:57"])
        #expect(q.map(\.recordLine) == [6, 7, 8, 9])
        #expect(q[0].reason == .notANumber(column: "Number of Employees", field: .employees, value: "lots"))
        #expect(q[0].field == "Number of Employees")
        #expect(q[1].reason == .columnCount(expected: 18, found: 5))
        #expect(q[1].message == "expected 18 columns, found 5")
        #expect(q[2].reason == .invalidUTF8(column: "Last Name"))
        #expect(q[2].raw.contains(0xFC))
        #expect(q[3].reason == .notADate(column: "Create Date", value: "yesterday"))
        #expect(q.allSatisfy { $0.file == "hubspot.csv" })
        #expect(q[1].rawText == "504,Dan,Lee,dan@umbrella.com,Umbrella")
        #expect(q[0].description == "hubspot.csv:6:62: 'lots' in 'Number of Employees' is not a number (employees); write e.g. 1200, 1,200, 1.2k or $4.5M")
    }

    /// HubSpot's employee counts are a dropdown of bands: every one is a lead, none quarantined, and
    /// the router reads each as its lower bound.
    @Test func hubSpotEmployeeBandsAreAccepted() throws {
        let bands = ["1-5", "5-25", "25-50", "50-100", "100-500", "500-1000", "1000+"]
        let csv = "Record ID,Email,Company Name,Number of Employees\n"
            + bands.enumerated().map { "\($0.offset + 1),p\($0.offset)@acme.example,Acme,\($0.element)" }.joined(separator: "\n") + "\n"
        let run = try Sample.importLeads(csv, name: "hubspot.csv")
        #expect(run.quarantined.isEmpty, "\(run.quarantined.map(\.description))")
        #expect(run.leads.map(\.lead.employees) == bands)
        #expect(run.leads.map { $0.lead.employees.flatMap(NumberText.parse) } == [1, 5, 25, 50, 100, 500, 1_000])
    }

    @Test func sameOutcomeWhenReadInTinyChunks() throws {
        let whole = try Sample.importLeads(CRMExports.hubSpotLabels)
        for chunk in [1, 2, 3, 5, 64] {
            let pieces = try Sample.importLeads(CRMExports.hubSpotLabels, chunk: chunk)
            #expect(pieces.leads == whole.leads)
            #expect(pieces.quarantined == whole.quarantined)
        }
    }

    @Test func hubSpotInternalNamesExport() throws {
        let run = try Sample.importLeads(CRMExports.hubSpotInternal)
        #expect(run.summary.dialect == .hubSpot)
        #expect(run.summary.attributeColumns == ["hs_lead_status", "hs_persona"])
        let kim = try #require(run.leads.first).lead
        #expect(kim.externalId == "901" && kim.email == "kim@stark.com" && kim.firstName == "Kim" && kim.lastName == "Park")
        #expect(kim.title == "Engineer" && kim.region == "NY" && kim.postalCode == "10001" && kim.employees == "5000")
        #expect(kim.annualRevenue == "2000000000" && kim.website == "stark.com" && kim.source == "DIRECT_TRAFFIC" && kim.score == "77")
        #expect(kim.receivedAt == Sample.utc(2026, 11, 24, 14, 3))
        #expect(kim.attributes == ["hs_lead_status": "NEW", "hs_persona": "persona_1"])
        // Unix milliseconds, as HubSpot's API writes createdate.
        #expect(run.leads[1].lead.receivedAt == Date(timeIntervalSince1970: 1_795_010_580))
        #expect(run.leads[1].lead.attributes.isEmpty)

        #expect(run.quarantined.map(\.spot) == ["4:1", "5:43"])
        #expect(run.quarantined[0].reason == .noValues)
        #expect(run.quarantined[1].reason == .notANumber(column: "hubspotscore", field: .score, value: "high"))
    }

    @Test func salesforceAPINamesExport() throws {
        let run = try Sample.importLeads(CRMExports.salesforceAPI)
        #expect(run.summary.dialect == .salesforce)
        #expect(run.summary.attributeColumns == ["Rating", "OwnerId"])
        let lena = try #require(run.leads.first).lead
        #expect(lena.externalId == "00Q5e00000AbcDEAS" && lena.company == "Muster AG" && lena.country == "DE" && lena.region == "BY")
        #expect(lena.phone == nil)
        #expect(lena.receivedAt == Sample.utc(2026, 11, 24, 14, 3))
        #expect(lena.attributes == ["Rating": "Hot", "OwnerId": "0055e000000XyZ1"])
        let raj = run.leads[1].lead
        #expect(raj.company == "Wayne \"Enterprises\"")
        #expect(raj.receivedAt == Sample.utc(2026, 11, 24, 14, 3))

        #expect(run.quarantined.map(\.spot) == ["4:77", "5:90"])
        #expect(run.quarantined[0].reason == .notANumber(column: "NumberOfEmployees", field: .employees, value: "ten"))
        #expect(run.quarantined[1].reason == .notADate(column: "CreatedDate", value: "2026-13-01T00:00:00.000Z"))
    }

    @Test func salesforceReportExport() throws {
        let run = try Sample.importLeads(CRMExports.salesforceReport)
        #expect(run.summary.dialect == .salesforce)
        #expect(run.summary.attributeColumns == ["Lead Owner"])
        let mia = try #require(run.leads.first).lead
        #expect(mia.externalId == "00Q5e00000XyZ1" && mia.company == "Rossi Srl" && mia.region == "MI" && mia.postalCode == "20121")
        #expect(mia.employees == "35" && mia.annualRevenue == "USD 3,000,000" && mia.source == "Trade Show")
        #expect(mia.receivedAt == Sample.utc(2026, 11, 24))
        #expect(run.leads[1].lead.employees == "1.2k")
        #expect(run.leads[1].lead.receivedAt == Sample.utc(2026, 11, 24, 14, 3))
        // The report's footer: one column each, where 17 were expected.
        #expect(run.quarantined.map(\.spot) == ["5:47", "6:68"])
        #expect(run.quarantined.map(\.reason) == [.columnCount(expected: 17, found: 1), .columnCount(expected: 17, found: 1)])
    }

    @Test func everyRecordIsEitherALeadOrQuarantined() throws {
        for (fixture, records) in [(CRMExports.hubSpotLabels, 6), (Array(CRMExports.hubSpotInternal.utf8), 4),
                                   (Array(CRMExports.salesforceAPI.utf8), 4), (Array(CRMExports.salesforceReport.utf8), 4)] {
            let run = try Sample.importLeads(fixture)
            #expect(run.leads.count + run.quarantined.count == records)
            #expect(run.summary.records == records)
        }
    }
}
