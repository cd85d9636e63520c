import Testing
@testable import HandoffCore

@Suite struct LifecycleTests {
    /// Every legal transition, written out independently of the table under test.
    static let legal: Set<String> = Set([
        "received check ready", "ready assign assigned",
        "received flag flagged", "ready flag flagged", "assigned flag flagged",
        "flagged approve assigned", "flagged reassign assigned", "assigned reassign assigned",
        "assigned accept accepted", "assigned breach flagged", "assigned reroute assigned", "assigned remind assigned",
        "flagged retry received", "ready retry received",
        "received disqualify disqualified", "ready disqualify disqualified", "assigned disqualify disqualified",
        "accepted disqualify disqualified", "flagged disqualify disqualified",
        "disqualified reopen flagged",
        "received merge merged", "ready merge merged", "assigned merge merged", "accepted merge merged", "flagged merge merged",
    ]).union(LeadState.allCases.map { "\($0.rawValue) annotate \($0.rawValue)" })

    @Test func everyStateAndActionExhaustively() {
        for state in LeadState.allCases {
            for action in LeadAction.allCases {
                do {
                    let to = try Lifecycle.next(state, action)
                    #expect(Self.legal.contains("\(state.rawValue) \(action.rawValue) \(to.rawValue)"), "\(state) \(action) -> \(to)")
                } catch {
                    #expect(error.state == state && error.action == action)
                    #expect(!Self.legal.contains { $0.hasPrefix("\(state.rawValue) \(action.rawValue) ") }, "\(state) \(action) refused")
                }
            }
        }
    }

    @Test func errorsNameTheStateAndWhatWouldBeRight() {
        #expect(throws: LifecycleError(state: .assigned, action: .approve)) { try Lifecycle.next(.assigned, .approve) }
        #expect(LifecycleError(state: .assigned, action: .approve).description == "cannot approve a lead that is assigned; approve applies to leads that are flagged")
        #expect(LifecycleError(state: .merged, action: .accept).description == "cannot accept a lead that is merged: it is closed")
    }

    @Test func terminalStatesOnlyTakeNotes() {
        #expect(Lifecycle.allowed(from: .disqualified) == [.annotate, .reopen])
        #expect(Lifecycle.allowed(from: .merged) == [.annotate])
        #expect(Lifecycle.allowed(from: .flagged) == [.approve, .reassign, .annotate, .disqualify, .merge, .retry])
    }

    @Test func everyActionHasItsOwnEvent() {
        #expect(Set(LeadAction.allCases.map(\.event)).count == LeadAction.allCases.count)
    }
}
