import Foundation
import GRDB
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDesk
@testable import HandoffSQLite
@testable import HandoffStore

/// SQLite's `decision` column: written in the binary form, read in either form (the contract suite reads
/// decisions back on every engine).
@Suite struct StoredDecisionTests {
    /// What the JSON form keeps of a decision: the meaning the stored one must have.
    func viaJSON(_ d: Decision) throws -> Decision {
        try JSONDecoder().decode(Decision.self, from: Data(DecisionJSON.encode(d).utf8))
    }

    /// Stores and routes `leads` (queue drained by the router), returning the decisions as it made them.
    func routeAll(_ store: SQLiteStore, _ leads: [Lead]) throws -> [Decision] {
        _ = try store.insert(incoming(leads), quarantine: [], at: tuesday, actor: "import")
        var context = RoutingContext(rulebook: exampleRulebook, now: tuesday)
        return try store.routeQueued(limit: 10_000, at: tuesday) { queued in queued.map { context.route($0.lead) } }.decisions
    }

    func storageTypes(_ store: SQLiteStore) throws -> Set<String> {
        try Set(store.database.read { try String.fetchAll($0, sql: "SELECT typeof(decision) FROM leads") })
    }

    @Test func routedDecisionsAreStoredAsBlobs() throws {
        let store = try temporaryStore()
        let decisions = try routeAll(store, streamLeads(400, seed: 5))
        #expect(decisions.count == 400)
        #expect(try storageTypes(store) == ["blob"])
        let sizes = try store.database.read { try Double.fetchOne($0, sql: "SELECT AVG(LENGTH(decision)) FROM leads") } ?? 0
        let jsonSize = Double(decisions.map { DecisionJSON.encode($0).utf8.count }.reduce(0, +)) / Double(decisions.count)
        #expect(sizes * 2 < jsonSize)
    }

    @Test func routedImportsStoreBlobsToo() throws {
        let store = try temporaryStore()
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
        let result = try desk.importRouting(actor: "import") { feed in
            for lead in incoming(streamLeads(200, seed: 8)) { try feed.add(lead) }
        }
        #expect(result.stored.accepted == 200)
        #expect(try storageTypes(store) == ["blob"])
    }

    /// A flagged lead's log entry keeps its text coded with the rulebook's words, drained from the queue or
    /// routed as imported; the history, the feed and the audit read the texts themselves.
    @Test func flaggedEntriesKeepTheirTextsCodedAndReadAsText() throws {
        let drained = try temporaryStore()
        let decisions = try routeAll(drained, streamLeads(300, seed: 4))
        let imported = try temporaryStore()
        let desk = try Desk(store: imported, rulebook: exampleRulebook, clock: { tuesday })
        _ = try desk.importRouting(actor: "import") { feed in
            for lead in incoming(streamLeads(300, seed: 4)) { try feed.add(lead) }
        }
        let flagged = decisions.filter { !$0.exceptions.isEmpty }
        #expect(flagged.count > 30)
        for store in [drained, imported] {
            let stored = try store.database.read { db in
                try Row.fetchAll(db, sql: "SELECT typeof(text) AS type, length(text) AS bytes FROM events WHERE text IS NOT NULL")
            }
            #expect(Set(stored.map { $0["type"] as String }) == ["blob"])
            for d in flagged {
                let history = try store.events(lead: d.leadId, after: 0, limit: 10)
                #expect(history.last?.detail.text == ExceptionsTextCode.text(d.exceptions), "\(d.leadId)")
            }
            let feed = try store.database.read { db in try SQLiteStore.fullEvents(db, after: 0, through: 2_000, text: LogText(db: db, lists: store.storedWords)) }
            #expect(Set(feed.compactMap(\.detail.text)) == Set(flagged.map { ExceptionsTextCode.text($0.exceptions) }))
            #expect(try store.auditLog().intact)
            #expect(try store.doctor().healthy)
        }
    }

    /// Databases written before the binary form keep their decisions as JSON text, and read as before.
    @Test func decisionsStoredAsJSONTextStillRead() throws {
        let store = try temporaryStore()
        let decisions = try routeAll(store, streamLeads(60, seed: 6))
        try store.database.write { db in
            for d in decisions.enumerated() where d.offset.isMultiple(of: 2) {
                try db.execute(sql: "UPDATE leads SET decision = ? WHERE seq = ?", arguments: [DecisionJSON.encode(d.element), LeadId.key(d.element.leadId)])
            }
        }
        #expect(try storageTypes(store) == ["blob", "text"])
        for d in decisions {
            #expect(try store.lead(d.leadId)?.decision == viaJSON(d))
        }
        let listed = try store.leads(LeadFilter(limit: 100))
        #expect(listed.count == 60 && listed.allSatisfy { $0.decision != nil })
        #expect(try store.doctor().healthy)
        // An operator command answers with the lead as stored, whichever form its decision is in.
        let flagged = try #require(listed.first { $0.state == .flagged })
        let approved = try store.apply(.approve, to: flagged.lead.id, basedOn: flagged.version, actor: "olga", at: tuesday, rulebookVersion: exampleRulebook.version)
        #expect(approved.decision == flagged.decision)
    }

    /// A damaged decision leaves the rest of the lead readable, as an unreadable JSON one did.
    @Test func aDamagedDecisionReadsAsNone() throws {
        let store = try temporaryStore()
        let decisions = try routeAll(store, [lead("a")])
        let id = try #require(decisions.first?.leadId)
        try store.database.write { db in
            try db.execute(sql: "UPDATE leads SET decision = substr(decision, 1, 10) WHERE seq = ?", arguments: [LeadId.key(id)])
        }
        let record = try #require(try store.lead(id))
        #expect(record.decision == nil && record.state == .assigned && record.owner == decisions.first?.owner)
        // The doctor says which lead and why, and nothing else is wrong.
        let report = try store.doctor()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix("\(id): unreadable stored decision: count 2 at byte 9 exceeds the bytes left;") == true,
                "\(report.problems)")
    }

    @Test func theDoctorReadsEveryStoredDecision() throws {
        let store = try temporaryStore()
        _ = try routeAll(store, streamLeads(300, seed: 9))
        #expect(try store.doctor().healthy)
        try store.database.write { db in
            try db.execute(sql: "UPDATE leads SET decision = '{not json' WHERE seq = 7")
        }
        let problems = try store.doctor().problems
        #expect(problems.count == 1)
        #expect(problems.first?.contains("unreadable stored decision: its JSON does not read as a decision") == true, "\(problems)")
    }

    /// Routed decisions are coded with the rulebook's words (format 2), kept once beside its version.
    @Test func decisionsAreCodedWithTheRulebooksWords() throws {
        let store = try temporaryStore()
        let decisions = try routeAll(store, streamLeads(300, seed: 4))
        let words = try #require(exampleRulebook.words)
        let (formats, stored) = try store.database.read { db in
            (try Set(Int.fetchAll(db, sql: "SELECT unicode(substr(CAST(decision AS TEXT), 1, 1)) FROM leads")),
             try Row.fetchAll(db, sql: "SELECT version, words FROM decision_words"))
        }
        #expect(formats == [Int(DecisionCode.wordsFormat)])
        #expect(stored.count == 1 && stored.first?["version"] == exampleRulebook.version)
        #expect((stored.first?["words"] as Data?).map(Array.init) == words.serialized)
        // A new handle reads them from the file.
        let again = try SQLiteStore(path: store.path)
        for d in decisions { #expect(try again.lead(d.leadId)?.decision == viaJSON(d)) }
        #expect(try again.doctor().healthy)
    }

    /// Without the words of its version a format-2 decision reads as damaged, and doctor names it.
    @Test func aDecisionWhoseWordsAreGoneIsDamaged() throws {
        let store = try temporaryStore()
        let decisions = try routeAll(store, streamLeads(20, seed: 3))
        try store.database.write { db in try db.execute(sql: "DELETE FROM decision_words") }
        let fresh = try SQLiteStore(path: store.path)
        let id = try #require(decisions.first?.leadId)
        let record = try #require(try fresh.lead(id))
        let problem = "unreadable stored decision: the words of rulebook version \(exampleRulebook.version) it is coded with are missing from the store or unreadable"
        #expect(record.decision == nil && record.decisionProblem == problem)
        let report = try fresh.doctor()
        #expect(report.problems.count == 21)
        // The log's flagged entries keep their texts coded with the same words, and their hashes cover the texts.
        #expect(report.problems.last?.contains("text cannot be read, so it no longer matches its hash: the words of rulebook version \(exampleRulebook.version)") == true,
                "\(report.problems.suffix(1))")
        #expect(report.problems.first?.hasPrefix("\(decisions[0].leadId): \(problem)") == true, "\(report.problems.prefix(1))")
        // A list that no longer reads is the same to a reader: written again, the decisions read whole.
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO decision_words (version, words) VALUES (?, ?)", arguments: [exampleRulebook.version, Data([1, 9, 3])])
        }
        #expect(try SQLiteStore(path: store.path).lead(id)?.decisionProblem == problem)
        try store.database.write { db in
            try db.execute(sql: "UPDATE decision_words SET words = ?", arguments: [Data(try #require(exampleRulebook.words).serialized)])
        }
        let repaired = try SQLiteStore(path: store.path)
        for d in decisions { #expect(try repaired.lead(d.leadId)?.decision == viaJSON(d)) }
        #expect(try repaired.doctor().healthy)
    }
}
