import Foundation
import Testing
import HandoffCore
import HandoffDesk
import HandoffSQLite
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

    /// Through the store: leads received, routed, reassigned by a person and accepted by owners at known times.
    @Test func theStoreReadsTheWindowFromTheLog() throws {
        let store = try temporaryStore()
        let early = lead("old-1", email: "a@initech.de")
        _ = try store.insert(incoming([early]), quarantine: [], at: tuesday.addingTimeInterval(-7_200), actor: "import")
        let fresh = [lead("r-1", email: "b@initech.de"), lead("r-2", email: "c@hooli.de"), lead("r-3", email: "d@umbrella.de")]
        _ = try store.insert(incoming(fresh), quarantine: [], at: tuesday, actor: "import")
        let clock = TestClock(tuesday.addingTimeInterval(10))
        let desk = try Desk(store: store, rulebook: exampleRulebook, clock: { clock.now })
        try desk.drain()
        try store.record(rulebook: exampleRulebook, source: ExampleRulebook.yaml, author: "ops", at: tuesday)
        let ids = try store.leads(LeadFilter(limit: 10)).map(\.lead.id).sorted()
        #expect(ids.count == 4)
        _ = try store.apply(.accept, to: ids[1], basedOn: nil, actor: "owner:x", at: tuesday.addingTimeInterval(70), rulebookVersion: nil)
        let second = try #require(try store.lead(ids[2]))
        let target = second.owner == "chloe" ? "ben" : "chloe"
        _ = try store.apply(.reassign(to: target, reason: "speaks German"), to: ids[2], basedOn: nil, actor: "olga",
                            at: tuesday.addingTimeInterval(100), rulebookVersion: nil)
        _ = try store.apply(.accept, to: ids[2], basedOn: nil, actor: "owner:x", at: tuesday.addingTimeInterval(400), rulebookVersion: nil)

        var reader = ReviewReader()
        let review = try reader.review(store, last: 3_600, endingAt: tuesday.addingTimeInterval(600))
        #expect(review.all.leads == 3)
        #expect(review.all.intakeToOwner.count == 3)
        #expect(review.all.intakeToOwner.p50 == 10)
        #expect(review.all.ownerToAcceptance.count == 2)
        #expect(review.all.ownerToAcceptance.p50 == 60)
        #expect(review.all.ownerToAcceptance.max == 300)
        #expect(review.all.overrides.first?.mostCommon.map { [$0.from, $0.to, String($0.count)] } == [second.owner, target, "1"])
        #expect(review.byRulebook.first?.name == "Acme inbound")
        #expect(review.all.owners.first { $0.pool == "emea-enterprise" && $0.owner == "ana" }?.weightShare == 0.5)

        // Before the first lead of the window arrived: nothing, and no crash.
        let before = try reader.review(store, last: 600, endingAt: tuesday.addingTimeInterval(-60))
        #expect(before.isEmpty)
        #expect(before.all.intakeToOwner.count == 0)
        // As of a moment before the acceptances, they have not happened yet.
        let sooner = try reader.review(store, last: 3_600, endingAt: tuesday.addingTimeInterval(60))
        #expect(sooner.all.ownerToAcceptance.count == 0)
    }

    /// Two imports routed at their own times, written in time order into one store and the other way
    /// round into another (an earlier --now used after a later one): every window reads the same.
    @Test func theFiguresDoNotDependOnTheOrderTimesWereWritten() throws {
        let morning = [lead("m-1", email: "b@initech.de"), lead("m-2", email: "c@hooli.de")]
        let noon = [lead("n-1", email: "d@umbrella.de"), lead("n-2", email: "e@globex.de"), lead("n-3", email: "f@initech.de")]
        func store(_ batches: [([Lead], Date)]) throws -> SQLiteStore {
            let store = try temporaryStore()
            try store.record(rulebook: exampleRulebook, source: ExampleRulebook.yaml, author: "ops", at: tuesday)
            for (leads, at) in batches {
                _ = try store.insert(incoming(leads), quarantine: [], at: at, actor: "import")
                try Desk(store: store, rulebook: exampleRulebook, clock: { at.addingTimeInterval(5) }).drain()
            }
            return store
        }
        let inOrder = try store([(morning, tuesday), (noon, tuesday.addingTimeInterval(7_200))])
        let reversed = try store([(noon, tuesday.addingTimeInterval(7_200)), (morning, tuesday)])
        func figures(_ store: SQLiteStore, from start: Date, to end: Date) throws -> [Int] {
            var reader = ReviewReader()
            let all = try reader.review(store, last: end.timeIntervalSince(start), endingAt: end).all
            return [all.leads, all.decided, all.intakeToOwner.count + all.exceptions, all.arrivals.counts.reduce(0, +)]
        }
        let windows: [(Date, Date)] = [
            (tuesday.addingTimeInterval(-600), tuesday.addingTimeInterval(600)),
            (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(10_800)),
            (tuesday.addingTimeInterval(-600), tuesday.addingTimeInterval(10_800)),
            // Ending exactly when the noon leads arrived, and exactly when they were routed.
            (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(7_200)),
            (tuesday.addingTimeInterval(3_600), tuesday.addingTimeInterval(7_205)),
        ]
        let expected = [[2, 2, 2, 2], [3, 3, 3, 3], [5, 5, 5, 5], [3, 3, 0, 3], [3, 3, 3, 3]]
        for ((start, end), figures_) in zip(windows, expected) {
            let ordered = try figures(inOrder, from: start, to: end), unordered = try figures(reversed, from: start, to: end)
            #expect(ordered == figures_, "\(start) .. \(end), in time order")
            #expect(unordered == figures_, "\(start) .. \(end), written out of order")
        }
    }
}
