import Foundation
import Testing
@testable import HandoffIntake

@Suite struct LeadImportTests {
    @Test func headerProblemsStopTheImport() {
        #expect(throws: IntakeError(file: "leads.csv", line: 1, column: 1, message: "the file is empty; the first line must be the column headers")) {
            try Sample.importLeads("\u{FEFF}\r\n")
        }
        #expect(throws: IntakeError(file: "leads.csv", line: 1, column: 1, message:
            "no column is a lead field (headers: 'Foo', 'Bar'); name columns like email, company, country, or pass a mapping file")) {
            try Sample.importLeads("Foo,Bar\n1,2\n")
        }
        #expect(throws: IntakeError(file: "leads.csv", line: 1, column: 7, message:
            "the header row: the quote that opens 'name' never closes; this line was set aside and reading went on with the next")) {
            try Sample.importLeads("email,\"name\n")
        }
    }

    @Test func extraEmptyColumnsPassAndExtraValuesDoNot() throws {
        let run = try Sample.importLeads("email,company\nana@acme.com,Acme,,\nben@acme.com,Acme,surprise\n")
        #expect(run.leads.map(\.lead.email) == ["ana@acme.com"])
        #expect(run.quarantined.map(\.spot) == ["3:19"])
        #expect(run.quarantined[0].reason == .columnCount(expected: 2, found: 3))
    }

    @Test func textStaysAsGivenAndNumbersAreChecked() throws {
        let run = try Sample.importLeads("email,employees,annual_revenue,score\n a@b.c ,1.2k,$4.5M,12%\nb@b.c,~40,,\n")
        let lead = try #require(run.leads.first).lead
        #expect(lead.email == " a@b.c ")
        #expect(lead.employees == "1.2k" && lead.annualRevenue == "$4.5M" && lead.score == "12%")
        #expect(run.quarantined.map(\.reason) == [.notANumber(column: "employees", field: .employees, value: "~40")])
    }

    @Test func idsComeFromTheCaller() throws {
        var options = Sample.options
        options.makeID = { "imp7-\($0)" }
        var run = try LeadImport(MemoryByteSource("email\na@b.c\n\nb@b.c\n", name: "x.csv"), format: .csv, options: options)
        var ids: [String] = []
        while let result = try run.next() { ids += [result.accepted?.lead.id].compactMap { $0 } }
        #expect(ids == ["imp7-1", "imp7-2"])
    }

    @Test func summaryOfColumns() throws {
        let run = try Sample.importLeads("Email,Website URL,Website,Notes\na@b.c,b.c,www.b.c,hi\n")
        #expect(run.summary.columns == [
            ColumnUse(header: "Email", target: .field(.email)), ColumnUse(header: "Website URL", target: .field(.website)),
            ColumnUse(header: "Website", target: .attribute("Website")), ColumnUse(header: "Notes", target: .attribute("Notes")),
        ])
        #expect(run.summary.repeatedFields.map(\.header) == ["Website"])
        #expect(run.summary.format == .csv && run.summary.accepted == 1 && run.summary.quarantined == 0)
    }

    @Test func formatFromFileName() {
        #expect(InputFormat(fileName: "leads.CSV") == .csv)
        #expect(InputFormat(fileName: "/tmp/a.b/leads.ndjson") == .jsonLines)
        #expect(InputFormat(fileName: "leads.jsonl") == .jsonLines)
        #expect(InputFormat(fileName: "leads.xlsx") == nil)
        #expect(InputFormat(fileName: "leads") == nil)
    }
}
