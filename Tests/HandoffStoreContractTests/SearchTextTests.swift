import Foundation
import HandoffCore
import HandoffStore
import Testing

/// Text search matches the text typed: `%`, `_` and `\` are characters, not SQL wildcards, on every engine.
@Suite(.dropsItsDatabases) struct SearchTextTests {
    /// Six leads whose companies hold the wildcard characters, and leads that would match them as wildcards.
    static func companies(_ store: any LeadStore) throws {
        let companies = ["A_B", "AxB Ltd", "50% off", "500 Club", #"C\D"#, "CxD"]
        let leads = companies.enumerated().map { i, company in lead("e\(i)", email: "p\(i)@corp.example", company: company) }
        _ = try store.insert(incoming(leads), quarantine: [], at: tuesday, actor: "import")
    }

    @Test(arguments: Engine.available)
    func wildcardCharactersMatchThemselves(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            try Self.companies(store)
            func found(_ text: String) throws -> [String] {
                try store.leads(LeadFilter(search: text, limit: 10)).map { $0.lead.company ?? "" }.sorted()
            }
            #expect(try found("A_B") == ["A_B"])
            #expect(try found("a_b") == ["A_B"])
            #expect(try found("50%") == ["50% off"])
            #expect(try found(#"C\D"#) == [#"C\D"#])
            #expect(try found("xb") == ["AxB Ltd"])
            #expect(try found("%") == ["50% off"])
            #expect(try found("_") == ["A_B"])
            // The console's list reads through the same matching.
            let read = try store.consoleRead(ConsoleRequest(afterEvent: 0, factLimit: 0, recentEvents: 0, lists: [LeadListQuery(text: "A_B", limit: 10)]))
            #expect(read.lists.first?.total == 1)
            #expect(read.lists.first?.rows.map(\.company) == ["A_B"])
        }
    }

    /// A quarantined line holding a NUL is read back whole, as stored; so are the header it names and the
    /// reason quoting it, which may hold one too.
    @Test(arguments: Engine.available)
    func quarantinedLinesKeepEveryByte(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let bad = QuarantinedRecord(file: "leads.csv", line: 2, field: "company", reason: "NUL", raw: "a@b.c,N\u{0}L Ltd")
            let header = QuarantinedRecord(file: "leads.csv", line: 3, column: 4, field: "first\u{0}name",
                                           reason: "'first\u{0}name' is not a known column", raw: "x,first\u{0}name")
            _ = try store.insert([], quarantine: [bad, header], at: tuesday, actor: "import")
            #expect(try store.quarantined(limit: 10) == [bad, header])
        }
    }
}
