import Foundation
import GRDB
@testable import HandoffSQLite
import Testing

/// The console asks, every snapshot, which of the few hundred exceptions it shows are claimed. The
/// claims in force are few; the exceptions may be a million.
struct ClaimsPlanTests {
    @Test func claimsOnAScreenfulOfLeadsAreLookedUpFromTheClaims() throws {
        let store = try temporaryStore()
        let plan = try store.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.claimsSQL(leads: 300),
                             arguments: StatementArguments((1...300).map { String(format: "L-%07d", $0) }))
                .map { $0["detail"] as String }
        }
        // The outer loop is the claims, each matched to its lead by id; never a walk of the leads by state.
        #expect(plan.first?.contains("SEARCH c") == true, "\(plan)")
        #expect(!plan.contains { $0.contains("leads_by_state") }, "\(plan)")
    }
}
