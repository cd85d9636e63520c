import Foundation
import GRDB
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore
import HandoffStoreContractTests

/// What SQLite's file guards itself, and what its doctor finds when it was changed behind Handoff's back.
@Suite struct SQLiteStoreTests {
    @Test func theLogIsAppendOnly() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
        #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "UPDATE events SET actor = 'me'") } }
        #expect(throws: DatabaseError.self) { try store.database.write { try $0.execute(sql: "DELETE FROM events") } }
    }

    @Test func doctorFindsDisagreements() throws {
        let store = try temporaryStore()
        _ = try store.insert(incoming([lead("a")]), quarantine: [], at: tuesday, actor: "import")
        try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday }).drain()
        try store.database.write { try $0.execute(sql: "UPDATE owner_load SET open = 5; UPDATE leads SET state = 'accepted'") }
        let report = try store.doctor()
        #expect(report.problems.contains("L-0000001: state accepted, but the log says assigned"))
        #expect(report.problems.contains("owner ana: open load 5, but 0 leads are assigned to them"))
    }
}
