import Foundation
import GRDB
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
import HandoffStore
import HandoffStoreContractTests
import Testing

/// Writes SQLite refuses midway (a trigger on the log, as a full disk or a damaged page would): nothing
/// of them is kept, and what comes next is decided as if they never happened.
@Suite struct FailedWriteTests {
    /// A transaction that fails leaves neither the lead nor its decision, and the next intake decides
    /// as if it never happened.
    @Test func aFailedWriteLeavesNeitherLeadNorDecision() throws {
        struct Refused: Error {}
        let leads = incoming(streamLeads(40, seed: 8))
        let store = try temporaryStore()
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        _ = try #require(try desk.intakeRouting(Array(leads.prefix(10)), quarantine: [], actor: "http"))
        let before = try contents(store)
        try store.database.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END") }
        #expect(throws: DatabaseError.self) { try desk.intakeRouting(Array(leads[10..<20]), quarantine: [], actor: "http") }
        #expect(try contents(store) == before)
        try store.database.write { try $0.execute(sql: "DROP TRIGGER refuse") }
        for part in [leads[10..<20], leads[20..<40]] { _ = try #require(try desk.intakeRouting(Array(part), quarantine: [], actor: "http")) }

        let fresh = try temporaryStore()
        let clean = try Desk(store: fresh, rulebook: exampleRulebook, clock: { tuesday })
        for part in [leads[0..<10], leads[10..<20], leads[20..<40]] { _ = try clean.intakeRouting(Array(part), quarantine: [], actor: "http") }
        #expect(try contents(store) == contents(fresh))
    }

    /// A store that fails stops the reader instead of letting it read the rest of the file in vain.
    @Test func aFailedWriteStopsTheReader() throws {
        let store = try temporaryStore()
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        // The log refuses anything while this trigger stands, so the first batch fails.
        try store.database.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'refused'); END") }
        var offered = 0
        #expect(throws: DatabaseError.self) {
            try desk.importRouting(actor: "import", batchSize: 10) { feed in
                for lead in incoming(streamLeads(100_000, seed: 2)) {
                    try feed.add(lead)
                    offered += 1
                }
            }
        }
        #expect(offered < 1_000)
        #expect(try store.counts().byState.isEmpty)
    }
}
