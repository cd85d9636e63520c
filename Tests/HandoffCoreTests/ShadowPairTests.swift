import Foundation
import Testing
@testable import HandoffCore

/// Comparing a live decision with a draft's: what counts as a divergence, and the reason given.
@Suite struct ShadowPairTests {
    static func outcome(_ route: String?, _ pool: String?, _ owner: String?, _ reason: ExceptionReason? = nil) -> ShadowOutcome {
        ShadowOutcome(route: route, pool: pool, owner: owner, reason: reason)
    }

    @Test func sameRoutePoolAndOwnerAgree() {
        #expect(!Self.outcome("emea", "emea-ent", "ben").diverges(from: Self.outcome("emea", "emea-ent", "ben")))
    }

    @Test func anotherOwnerRouteOrPoolDiverges() {
        let live = Self.outcome("emea", "emea-ent", "ben")
        #expect(live.diverges(from: Self.outcome("emea", "emea-ent", "chloe")))
        #expect(live.diverges(from: Self.outcome("smb", "emea-ent", "ben")))
        #expect(live.diverges(from: Self.outcome("emea", "emea-mid", "ben")))
    }

    @Test func anExceptionAgainstAnAssignmentDiverges() {
        let live = Self.outcome("emea", "emea-ent", "ben")
        #expect(live.diverges(from: Self.outcome("emea", "emea-ent", "ben", .reviewRequired)))
        #expect(Self.outcome("emea", "emea-ent", "ben", .reviewRequired).diverges(from: live))
        #expect(Self.outcome(nil, nil, nil, .noRoute).diverges(from: Self.outcome(nil, nil, nil, .missingField)))
    }

    @Test func anotherProposalForTheSameExceptionAgrees() {
        // Nobody is given a flagged lead, so who would have been proposed is no divergence.
        #expect(!Self.outcome("emea", "emea-ent", "ben", .reviewRequired).diverges(from: Self.outcome("emea", "emea-ent", "chloe", .reviewRequired)))
    }

    @Test func realDecisionsAreComparedAndExplained() {
        let live = Fixtures.acme
        // The draft sends enterprise-emea's leads from 500 employees, so a 600-employee lead leaves the fallback.
        var draft = live
        draft.routes[1] = Route(name: "enterprise-emea", when: .all([
            .field(.country, .oneOf(["DE", "FR"].map { Scalar.text($0) })),
            .field(.employees, .compare(.greaterOrEqual, 500)),
        ]), pool: "emea-enterprise")
        let at = Fixtures.tuesdayAfternoon
        let big = Fixtures.lead("L-0000001", at: at), mid = Fixtures.lead("L-0000002", employees: "600", at: at)
        let a = RoutingContext(rulebook: live, now: at), b = RoutingContext(rulebook: draft, now: at)
        let same = ShadowPair(live: Router.decide(big, in: a), draft: Router.decide(big, in: b))
        #expect(!same.diverged && same.why == nil)
        let moved = ShadowPair(live: Router.decide(mid, in: a), draft: Router.decide(mid, in: b))
        #expect(moved.diverged)
        #expect(moved.live.reason == .noRoute && moved.draft.route == "enterprise-emea" && moved.draft.isAssigned)
        #expect(moved.why?.contains("enterprise-emea matched") == true)
    }
}
