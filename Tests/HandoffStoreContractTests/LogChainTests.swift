import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore

/// The log's hash chain as every engine keeps it: written by every path that appends, walked by `auditLog`.
@Suite(.dropsItsDatabases) struct LogChainContractTests {
    /// A store with leads imported, routed, and acted on by an operator: every path that appends entries.
    func workspace(_ engine: Engine) throws -> any LeadStore {
        let store = try engine.store()
        try appendByEveryPath(to: store)
        return store
    }

    @Test(arguments: Engine.available)
    func everyPathThatAppendsKeepsTheChain(_ engine: Engine) async throws {
        try await onThread {
            let store = try workspace(engine)
            let audit = try store.auditLog(anchor: nil, progress: nil)
            let total = try store.counts().events
            #expect(audit.intact, "\(audit.problem ?? "")")
            #expect(audit.entries == total && audit.verified?.seq == Int64(total))
            #expect(try store.logAnchor() == audit.verified)
            #expect(try store.doctor().healthy)
        }
    }

    @Test(arguments: Engine.available)
    func anAnchorPastTheEndSaysEntriesWereRemoved(_ engine: Engine) async throws {
        try await onThread {
            let store = try workspace(engine)
            let anchor = try #require(try store.logAnchor())
            let further = LogAnchor(seq: anchor.seq + 5, hash: anchor.hash)
            #expect(try store.auditLog(anchor: further, progress: nil).problem == "the anchor names entry #\(anchor.seq + 5), but the log ends at #\(anchor.seq): entries were removed")
        }
    }
}

/// Leads imported, routed, and acted on by an operator in `store`: every path that appends log entries,
/// a batch with one refused (stale) command included. The engines' own chain tests start from it too.
package func appendByEveryPath(to store: any LeadStore) throws {
    let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
    _ = try store.insert(incoming(streamLeads(30, seed: 5)), quarantine: [], at: tuesday, actor: "import")
    _ = try desk.drain(batchSize: 7)
    _ = try desk.importRouting(actor: "import", batchSize: 4) { feed in
        for lead in incoming(streamLeads(12, seed: 9)) { try feed.add(lead) }
    }
    let flagged = try #require(try store.leads(LeadFilter(state: .flagged, limit: 1)).first)
    _ = try store.apply(.annotate("called, no answer"), to: flagged.lead.id, basedOn: nil, actor: "olga", at: tuesday, rulebookVersion: nil)
    // A batch where one command is refused (stale): its savepoint is rolled back, the others' entries stay chained.
    let assigned = try store.leads(LeadFilter(state: .assigned, limit: 2))
    let results = try store.applyAll([(.accept, assigned[0].lead.id, assigned[0].version), (.accept, assigned[1].lead.id, 99)],
                                     actor: "owner:x", at: tuesday, rulebookVersion: nil, notices: [])
    #expect((try? results[0].get()) != nil && (try? results[1].get()) == nil)
}
