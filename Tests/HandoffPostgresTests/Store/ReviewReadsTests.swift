import Foundation
import HandoffCore
import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// The review's one pass over the log reads the same facts on PostgreSQL as on SQLite.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct ReviewReadsTests {
    static func expectSame(_ p: ReviewFacts, _ s: ReviewFacts, _ what: String) {
        // Times missing are NaN, which never equals itself: compared as printed.
        #expect(String(describing: p.leads) == String(describing: s.leads), "\(what): leads")
        #expect(p.names == s.names, "\(what): names")
        #expect(p.reassignments == s.reassignments, "\(what): reassignments")
        #expect(p.assignments == s.assignments, "\(what): assignments")
        #expect(p.openLoad == s.openLoad, "\(what): open load")
        #expect(p.start == s.start && p.end == s.end)
    }

    @Test func reviewFactsAreTheSameOnBothEngines() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let t = TwinStores.tuesday
            let windows = [(t.addingTimeInterval(-86_400), t.addingTimeInterval(86_400)), (t.addingTimeInterval(30), t.addingTimeInterval(120)),
                           (t, t), (t.addingTimeInterval(-86_400), t.addingTimeInterval(-3_600)), (t.addingTimeInterval(3_600), t)]
            for (start, end) in windows {
                Self.expectSame(try twins.postgres.reviewFacts(from: start, through: end), try twins.sqlite.reviewFacts(from: start, through: end),
                                "\(start) through \(end)")
            }
            // The whole morning: leads routed in one step and decided apart, handed off, accepted, flagged,
            // reassigned.
            let facts = try twins.postgres.reviewFacts(from: t.addingTimeInterval(-86_400), through: t.addingTimeInterval(86_400))
            #expect(facts.leads.count == 108)
            #expect(facts.leads.allSatisfy { !$0.receivedAt.isNaN })
            #expect(facts.leads.contains { !$0.acceptedAt.isNaN } && facts.leads.contains { $0.exception != nil })
            #expect(facts.reassignments.contains { $0.actor == "olga" } && !facts.assignments.isEmpty && !facts.openLoad.isEmpty)
        }
        try await TestServer.drop(location)
    }
}
