import Foundation
import HandoffStoreContractTests
import Testing
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffDemo

/// The figures of `handoff report` and the Insights view, on hand-built facts and on a small store.
@Suite struct ReviewTests {
    static let start = tuesday
    static let end = tuesday.addingTimeInterval(3_600)

    /// Ten leads in the example rulebook's names: intake to owner 1 s .. 10 s, the first six accepted
    /// 60 s .. 360 s after their newest hand-off; three flagged; people corrected four hand-offs.
    static func facts() -> ReviewFacts {
        var facts = ReviewFacts(start: start, end: end)
        facts.names = ["enterprise-emea", "emea-enterprise", exampleRulebook.version, "ana", "ben", "chloe", "na-smb"]
        let t = start.timeIntervalSince1970
        for i in 0..<10 {
            var lead = ReviewFacts.LeadFacts()
            lead.receivedAt = t + Double(i) * 60
            lead.rulebook = 2
            switch i {
            case 0..<7:
                (lead.route, lead.pool) = (0, 1)
                lead.firstOwnerAt = lead.receivedAt + Double(i + 1)
                lead.lastHandoffAt = lead.firstOwnerAt
                if i < 6 { lead.acceptedAt = lead.lastHandoffAt + Double(i + 1) * 60 }
            case 7, 8:
                lead.exception = .noRoute
            default:
                (lead.route, lead.pool) = (0, 1)
                lead.exception = .duplicateSuspect
                lead.firstOwnerAt = lead.receivedAt + 10
                lead.lastHandoffAt = lead.firstOwnerAt
            }
            facts.leads.append(lead)
        }
        facts.leads[0].breached = true
        facts.leads[1].rerouted = true
        facts.assignments = [
            .init(rulebook: 2, pool: 1, owner: 3): 3,
            .init(rulebook: 2, pool: 1, owner: 4): 1,
        ]
        facts.reassignments = [
            .init(lead: 2, actor: "olga", from: "ben", to: "chloe"),
            .init(lead: 3, actor: "olga", from: "ben", to: "chloe"),
            .init(lead: 4, actor: "amir", from: "ben", to: "chloe"),
            .init(lead: 4, actor: "amir", from: "ana", to: "ben"),
            .init(lead: 5, actor: "sla", from: "ana", to: "ben"),
            .init(lead: 6, actor: "owner:ana", from: "ana", to: "ben"),
        ]
        facts.openLoad = ["ana": 12, "ben": 31]
        return facts
    }

    static func review() -> Review {
        ReviewBuilder(rulebooks: [exampleRulebook.version: exampleRulebook],
                      recorded: [StoredRulebook(version: exampleRulebook.version, name: "Acme inbound", loadedAt: start, author: "ops", decisions: 10)])
            .build(facts())
    }

    @Test func percentilesAreExactNearestRank() {
        let f = Self.review().all
        #expect(f.leads == 10)
        #expect(f.intakeToOwner.count == 8)
        // 1, 2, 3, 4, 5, 6, 7, 10 seconds: the 4th, 8th (ceil 7.2) and 8th (ceil 7.92) values.
        #expect(f.intakeToOwner.p50 == 4)
        #expect(f.intakeToOwner.p90 == 10)
        #expect(f.intakeToOwner.p99 == 10)
        #expect(f.intakeToOwner.max == 10)
        #expect(f.ownerToAcceptance.count == 6)
        #expect(f.ownerToAcceptance.p50 == 180)
        #expect(f.ownerToAcceptance.p90 == 360)
        #expect(f.ownerToAcceptance.histogram.reduce(0, +) == 6)
    }

    @Test func nearestRankOnTenAndOnAHundred() {
        let ten = ReviewBuilder.durations((1...10).map(Double.init))
        #expect([ten.p50, ten.p90, ten.p99] == [5, 9, 10])
        let hundred = ReviewBuilder.durations((1...100).reversed().map(Double.init))
        #expect([hundred.p50, hundred.p90, hundred.p99, hundred.max] == [50, 90, 99, 100])
        #expect(ReviewBuilder.durations([7]).p99 == 7)
    }

    @Test func exceptionRatesByReasonAndRoute() {
        let f = Self.review().all
        #expect(f.decided == 10)
        #expect(f.exceptions == 3)
        #expect(f.exceptionRate == 0.3)
        #expect(f.exceptionsByReason.map(\.reason) == ["no_route", "duplicate_suspect"])
        #expect(f.exceptionsByReason.map(\.count) == [2, 1])
        #expect(f.exceptionsByRoute.first { $0.route == nil }?.rate == 1)
        #expect(f.exceptionsByRoute.first { $0.route == "enterprise-emea" }?.decided == 8)
        #expect(f.exceptionsByRoute.first { $0.route == "enterprise-emea" }?.exceptions == 1)
    }

    @Test func overridesCountPeopleOnlyAndNameTheCommonestCorrection() {
        let f = Self.review().all
        #expect(f.overrides.count == 1)
        let route = f.overrides[0]
        #expect(route.reassignments == 4)
        #expect(route.rate == 3.0 / 8.0)
        #expect(route.mostCommon.map { [$0.from, $0.to, String($0.count)] } == ["ben", "chloe", "3"])
    }

    @Test func slaBreachRateByPool() {
        let f = Self.review().all
        #expect(f.slaByPool.map(\.pool) == ["emea-enterprise"])
        #expect(f.slaByPool[0].assigned == 8)
        #expect(f.slaByPool[0].breached == 2)
        #expect(f.slaByPool[0].flagged == 1)
        #expect(f.slaByPool[0].rerouted == 1)
        #expect(f.slaBreachRate == 0.25)
    }

    @Test func loadAgainstWeightsAndGini() {
        let f = Self.review().all
        let emea = f.owners.filter { $0.pool == "emea-enterprise" }
        #expect(emea.map(\.owner) == ["ana", "ben", "chloe"])
        #expect(emea.map(\.assignments) == [3, 1, 0])
        #expect(emea.map(\.share) == [0.75, 0.25, 0])
        #expect(emea.map(\.weightShare) == [0.5, 0.25, 0.25])
        #expect(emea.map(\.open) == [12, 31, 0])
        #expect(emea.map(\.capacity) == [40, 30, 30])
        // Counts 0, 1, 3 over three members: 2 * (1*0 + 2*1 + 3*3) / (3 * 4) - 4/3 = 0.5.
        #expect(abs((f.fairness.first?.gini ?? 0) - 0.5) < 1e-12)
        #expect(ReviewBuilder.gini([5, 5, 5]) == 0)
        #expect(ReviewBuilder.gini([0, 0, 0, 8]) == 0.75)
        #expect(ReviewBuilder.gini([]) == 0)
    }

    @Test func splitByRulebookVersion() {
        let review = Self.review()
        #expect(review.byRulebook.map(\.shortVersion) == [String(exampleRulebook.version.prefix(12))])
        #expect(review.byRulebook[0].name == "Acme inbound")
        #expect(review.byRulebook[0].figures == review.all)
    }

    @Test func anEmptyWindowIsAllZeros() {
        let review = ReviewBuilder(rulebooks: [:], recorded: []).build(ReviewFacts(start: Self.start, end: Self.end))
        #expect(review.isEmpty)
        #expect(review.all.exceptionRate == 0)
        #expect(review.all.slaBreachRate == 0)
        #expect(review.all.intakeToOwner.p50 == nil)
        #expect(review.all.arrivals.counts == Array(repeating: 0, count: 12))
        #expect(review.byRulebook.isEmpty)
    }
}
