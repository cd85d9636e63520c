import Foundation
import GRDB
import HandoffStoreContractTests
import Testing
import HandoffCore
@testable import HandoffSQLite
@testable import HandoffStore

/// SQLite's clause for the console's lists escapes text search's wildcard characters as `leads` does.
@Suite struct SearchTextTests {
    @Test func theListsClauseMatchesWildcardsAsCharacters() throws {
        let store = try temporaryStore()
        let companies = ["A_B", "AxB Ltd", "50% off", "500 Club", #"C\D"#, "CxD"]
        let leads = companies.enumerated().map { i, company in lead("e\(i)", email: "p\(i)@corp.example", company: company) }
        _ = try store.insert(incoming(leads), quarantine: [], at: tuesday, actor: "import")
        // The console's list reads through the clause the contract suite's search tests check.
        let (clause, arguments) = SQLiteStore.whereClause(LeadListQuery(text: "A_B"))
        let count = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM leads \(clause)", arguments: arguments)
        }
        #expect(count == 1)
    }
}
