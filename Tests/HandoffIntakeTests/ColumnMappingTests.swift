import Testing
@testable import HandoffIntake

@Suite struct ColumnMappingTests {
    @Test func readsAMappingFile() throws {
        let yaml = """
            columns:
              "E-mail Address": email
              Employees (approx.): employees
              Segment: attributes.segment
              Company: attributes
              CRM Id: id
            """
        let load = ColumnMapping.load(yaml: yaml, file: "map.yaml")
        #expect(load.diagnostics.isEmpty)
        let mapping = try #require(load.mapping)
        #expect(mapping.entries.map(\.header) == ["E-mail Address", "Employees (approx.)", "Segment", "Company", "CRM Id"])
        #expect(mapping.entries.map(\.target) == [.field(.email), .field(.employees), .attribute("segment"), .attribute("Company"), .field(.externalId)])
        #expect(mapping.entries[1].position == TextPosition(line: 3, column: 3))
    }

    @Test func everyErrorWithItsPosition() {
        let yaml = """
            colums: {}
            columns:
              "E-mail Address": emial
              Employees: headcount
              Title: firstName
              Segment: attributes.
              Notes:
              Work Email: email
              Private Email: email
            """
        let load = ColumnMapping.load(yaml: yaml, file: "map.yaml")
        #expect(load.mapping == nil)
        #expect(load.diagnostics.map(\.description) == [
            "map.yaml:1:1: error: unknown key 'colums'; did you mean 'columns'?",
            "map.yaml:3:21: error: unknown field 'emial'; did you mean 'email'?",
            "map.yaml:4:14: error: unknown field 'headcount'; use one of: external_id, source, received_at, email, first_name, last_name, title, company, website, phone, country, region, postal_code, timezone, employees, annual_revenue, industry, score, or attributes.NAME",
            "map.yaml:5:10: error: unknown field 'firstName'; did you mean 'first_name'?",
            "map.yaml:6:12: error: 'attributes.' needs a name after the dot, e.g. attributes.segment",
            "map.yaml:7:9: error: 'Notes' needs a field name, e.g. email, employees or attributes.segment",
            "map.yaml:9:18: error: 'Private Email' and 'Work Email' both map to email; map one of them to attributes",
        ])
    }

    @Test func yamlErrorsAndShapes() {
        let broken = ColumnMapping.load(yaml: "columns:\n  Email: [email\n", file: "map.yaml")
        #expect(broken.diagnostics.count == 1)
        #expect(broken.diagnostics[0].message.hasPrefix("invalid YAML"))
        #expect(broken.diagnostics[0].line >= 2)

        let repeated = ColumnMapping.load(yaml: "columns:\n  Email: email\n  Email: title\n", file: "map.yaml")
        #expect(repeated.diagnostics.map(\.message) == ["'Email' appears twice; each header may be mapped once"])

        #expect(ColumnMapping.load(yaml: "", file: "m").diagnostics.map(\.description)
            == ["m:1:1: error: the mapping file is empty; write 'columns:' and one 'Header: field' line per column"])
        #expect(ColumnMapping.load(yaml: "- email\n", file: "m").diagnostics.map(\.description)
            == ["m:1:1: error: the mapping file must be a mapping with one key, 'columns'"])
        #expect(ColumnMapping.load(yaml: "columns: email\n", file: "m").diagnostics.map(\.description)
            == ["m:1:10: error: 'columns' must be a mapping of header text to field name"])
        #expect(ColumnMapping.load(yaml: "other: 1\n", file: "m").diagnostics.map(\.message)
            == ["unknown key 'other'; the only key is 'columns'", "missing 'columns': a mapping of header text to field name"])
    }

    @Test func aMappingDrivesAnImport() throws {
        let mapping = try #require(ColumnMapping.load(yaml: "columns:\n  Mail: email\n  Size: employees\n  Fax: phone\n", file: "map.yaml").mapping)
        let run = try Sample.importLeads("Mail,Size,Org\nana@acme.com,12,Acme\n", mapping: mapping)
        #expect(run.leads.map(\.lead.email) == ["ana@acme.com"])
        #expect(run.leads.map(\.lead.employees) == ["12"])
        #expect(run.leads[0].lead.attributes == ["Org": "Acme"])
        #expect(run.summary.mappingWarnings.map(\.description) == ["map.yaml:4:3: warning: no column 'Fax' in the input; the entry is unused"])
    }
}
