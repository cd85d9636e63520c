import Crypto
import Foundation
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// The simulation over an SQLite file: its bytes are left as they were, and replay's held-back cursor
/// (SQLite's way of reading leads in received order) gives that order however it holds rows back.
@Suite struct SimulatorTests {
    /// The example rulebook with its enterprise route from 500 employees.
    static let draft: Rulebook = {
        let yaml = ExampleRulebook.yaml.replacingOccurrences(of: "employees: \">= 1000\"", with: "employees: \">= 500\"")
        return RulebookLoader.load(yaml: yaml, file: "draft.yaml").rulebook!
    }()

    /// A database of `count` routed leads (a tenth of them accepted later), closed so its files are at rest.
    static func routedDatabase(_ count: Int) throws -> String {
        let store = try temporaryStore()
        _ = try store.insert(incoming(streamLeads(count)), quarantine: [], at: tuesday, actor: "import")
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        _ = try desk.drain()
        for record in try store.leads(LeadFilter(state: .assigned, limit: .max)).prefix(count / 10) {
            _ = try desk.perform(.accept, on: record.lead.id, actor: "owner:x")
        }
        return store.path
    }

    /// The database file and its write-ahead log (absent counts as empty). The -shm file is left out:
    /// it is SQLite's shared-memory index through which readers coordinate, and holds no data.
    static func fingerprint(_ path: String) throws -> [String] {
        ["", "-wal"].map { suffix in
            let data = FileManager.default.contents(atPath: path + suffix) ?? Data()
            return "\(suffix): " + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
    }

    static func request(keep: Int = 1_000) -> SimulationRequest {
        SimulationRequest(
            current: exampleRulebook, draft: draft, selection: ReplaySelection(from: tuesday.addingTimeInterval(-30 * 86_400), to: tuesday.addingTimeInterval(86_400)),
            keep: keep, coverageWeek: tuesday
        )
    }

    @Test func writesNothingToTheFile() throws {
        let path = try Self.routedDatabase(300)
        let before = try Self.fingerprint(path)
        let report = try Simulator.run(store: SQLiteStore(path: path, readOnly: true), Self.request())
        #expect(report.leads == 300 && report.changed > 0)
        #expect(try Self.fingerprint(path) == before)
        // The connection it reads through cannot write at all.
        let readOnly = try SQLiteStore(path: path, readOnly: true)
        #expect(throws: (any Error).self) { try readOnly.record(rulebook: Self.draft, source: "", author: "x", at: tuesday) }
        #expect(try Self.fingerprint(path) == before)
    }

    @Test func theHeldBackCursorReadsLeadsByReceivedTime() throws {
        let store = try temporaryStore()
        let times = [5, 1, 3, 2, 4].map { tuesday.addingTimeInterval(Double($0)) }
        let leads = times.enumerated().map { i, at in
            Lead(id: "", externalId: "x\(i)", receivedAt: at, email: "p\(i)@globex.de", company: "Globex", country: "DE", employees: "4200")
        }
        _ = try store.insert(incoming(leads), quarantine: [], at: tuesday, actor: "import")
        // Held back in a cursor in table order, and read row by row: the same order.
        for limit in [SQLiteStore.heldBackLimit, 0] {
            var seen: [Date] = []
            try store.replayLeads(ReplaySelection(from: nil, to: tuesday.addingTimeInterval(10)), heldBackLimit: limit) { lead, _ in seen.append(lead.receivedAt) }
            #expect(seen == times.sorted())
        }
        // Rows 1..5 received at 5, 1, 3, 2, 4: reading row 1 first holds it back, then 3, then both until 4 and 5.
        #expect(SQLiteStore.heldBack([1, 2, 3, 4, 5], [2, 4, 3, 5, 1]) == 2)
        #expect(SQLiteStore.heldBack([1, 2, 3], [1, 2, 3]) == 0)
    }
}
