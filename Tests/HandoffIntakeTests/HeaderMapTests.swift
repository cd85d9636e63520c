import Testing
@testable import HandoffIntake

@Suite struct HeaderMapTests {
    @Test func canonicalNames() {
        let map = HeaderMap(headers: ["id", "email", "first_name", "website_domain", "received_at", "segment"])
        #expect(map.dialect == .canonical)
        // An input id is the sending system's id; Handoff assigns its own.
        #expect(map.targets == [.field(.externalId), .field(.email), .field(.firstName), .field(.website), .field(.receivedAt), .attribute("segment")])
        #expect(map.attributeColumns == ["segment"])
    }

    @Test func looseSpellingsFillFieldsButNameNoDialect() {
        let map = HeaderMap(headers: ["E-MAIL", " First name ", "company_name", "POSTAL CODE", "Employees #"])
        #expect(map.targets == [.field(.email), .field(.firstName), .field(.company), .field(.postalCode), .field(.employees)])
        #expect(map.dialect == .unknown)
    }

    @Test func dialects() {
        #expect(HeaderMap(headers: ["Email", "Company Name", "Record ID"]).dialect == .hubSpot)
        #expect(HeaderMap(headers: ["email", "firstname", "numemployees"]).dialect == .hubSpot)
        #expect(HeaderMap(headers: ["Email", "FirstName", "LeadSource"]).dialect == .salesforce)
        #expect(HeaderMap(headers: ["Lead ID", "Company / Account", "No. of Employees"]).dialect == .salesforce)
        // Spellings of more than one format.
        #expect(HeaderMap(headers: ["Record ID", "FirstName", "email"]).dialect == .mixed)
        // Fits every format: the first of canonical, HubSpot, Salesforce.
        #expect(HeaderMap(headers: ["email", "company"]).dialect == .canonical)
        #expect(HeaderMap(headers: ["Email", "First Name"]).dialect == .hubSpot)
        #expect(HeaderMap(headers: ["Notes"]).dialect == .unknown)
    }

    @Test func aRepeatedFieldGoesToAttributes() {
        let map = HeaderMap(headers: ["Website URL", "Company Name", "Website", "Notes", "Notes", ""])
        #expect(map.targets == [.field(.website), .field(.company), .attribute("Website"), .attribute("Notes"),
                                .attribute("Notes (column 5)"), .attribute("column 6")])
        #expect(map.repeatedFields == [HeaderMap.RepeatedField(header: "Website", field: .website, filledBy: "Website URL")])
        #expect(map.column(of: .website) == 0)
    }

    @Test func mappingEntriesComeFirst() {
        let mapping = ColumnMapping(entries: [
            .init(header: "Work Email", target: .field(.email)),
            .init(header: "company", target: .attribute("parent_company")),
            .init(header: "Email", target: .attribute("personal email")),
            .init(header: "Fax", target: .field(.phone), position: TextPosition(line: 6, column: 3)),
        ])
        let map = HeaderMap(headers: ["Email", "work_email", "Company", "Company Name"], mapping: mapping)
        // "company" matches "Company" loosely; "Work Email" matches "work_email" loosely.
        #expect(map.targets == [.attribute("personal email"), .field(.email), .attribute("parent_company"), .field(.company)])
        #expect(map.mappingWarnings.map(\.description) == ["mapping:6:3: warning: no column 'Fax' in the input; the entry is unused"])
    }
}
