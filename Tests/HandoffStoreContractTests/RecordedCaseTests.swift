import Foundation
import Testing
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// `handoff rules test --record`: stored decisions written as rulebook tests decide again exactly as
/// stored, whatever pauses, absences, duplicates and shares went into them.
@Suite(.dropsItsDatabases) struct RecordedCaseTests {
    @Test(arguments: Engine.available)
    func recordedCasesReproduceStoredDecisionsToTheLetter(_ engine: Engine) async throws {
        try await onThread {
            let source = ReplayAndFairnessTests.source
            let rulebook = ReplayAndFairnessTests.pooled
            let store = try ReplayAndFairnessTests.routedThroughChanges(engine)

            let recorded = try Desk.recordCases(store, count: 500, since: tuesday.addingTimeInterval(-86_400), rulebook: rulebook)
            #expect(recorded.count == 160)
            #expect(recorded.contains { !$0.paused.isEmpty } && recorded.contains { !$0.away.isEmpty } && recorded.contains { $0.earlier != nil })
            let yaml = RuleCaseRecorder.yaml(recorded, rulebook: rulebook)
            let load = RuleCaseLoader.load(yaml: yaml, file: "recorded.tests.yaml")
            #expect(load.errors.isEmpty, "\(load.errors.prefix(3))")
            #expect(load.cases.count == 160)

            let results = RuleCaseRunner(rulebook: rulebook).run(load.cases)
            for (result, stored) in zip(results, recorded) {
                #expect(result.passed, "\(result.rule.name): \(result.failures)")
                let decision = try #require(result.decision)
                #expect(DecisionJSON.encode(decision) == DecisionJSON.encode(stored.decision), "\(result.rule.name)")
            }

            // Against a draft that sends small US leads nowhere, exactly the decisions it changes fail.
            let draftSource = source.replacingOccurrences(of: "employees: \"< 200\"", with: "employees: \"< 50\"")
            let draft = try #require(RulebookLoader.load(yaml: draftSource, file: "draft.yaml").rulebook)
            let changed = RuleCaseRunner(rulebook: draft).run(load.cases).filter { !$0.passed }
            let expected = recorded.filter { r in
                r.decision.route == "na-smb" && (Double(r.lead.employees ?? "") ?? 0) >= 50
            }
            #expect(!expected.isEmpty)
            #expect(Set(changed.map(\.rule.lead.id)) == Set(expected.map(\.lead.id)))
        }
    }

    @Test(arguments: Engine.available)
    func nothingIsRecordedOutsideTheWindow(_ engine: Engine) async throws {
        try await onThread {
            let store = try engine.store()
            let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { tuesday })
            _ = try store.insert(incoming(streamLeads(10)), quarantine: [], at: tuesday, actor: "import")
            try desk.drain()
            #expect(try Desk.recordCases(store, count: 5, since: tuesday.addingTimeInterval(1), rulebook: exampleRulebook).isEmpty)
            let five = try Desk.recordCases(store, count: 5, since: tuesday, rulebook: exampleRulebook)
            // The newest five, oldest first.
            #expect(five.map(\.lead.id) == ["L-0000006", "L-0000007", "L-0000008", "L-0000009", "L-0000010"])
        }
    }
}
