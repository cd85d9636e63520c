import Foundation
import Testing
@testable import HandoffCore

/// The simulation's diff on a fixed set of leads: the rulebook in force (Fixtures.acme) against a draft
/// whose enterprise route starts at 500 employees instead of 1000.
@Suite struct SimulationTests {
    static var draft: Rulebook {
        var draft = Fixtures.acme
        draft.version = "draft"
        draft.routes[1].when = .all([
            .field(.country, .oneOf(["DE", "FR", "GB", "NL", "ES", "IT"].map { Scalar.text($0) })),
            .field(.employees, .compare(.greaterOrEqual, 500)),
        ])
        return draft
    }

    /// Tuesday afternoon: every owner at work.
    static func at(_ minute: Int) -> Date { Fixtures.tuesdayAfternoon.addingTimeInterval(Double(minute) * 60) }

    static let leads: [Lead] = [
        Fixtures.lead("L-1", email: "jo@globex.de", country: "DE", employees: "4200", at: at(0)),
        Fixtures.lead("L-2", email: "al@initech.fr", company: "Initech", country: "FR", employees: "600", at: at(1)),
        Fixtures.lead("L-3", email: "bo@umbrella.de", company: "Umbrella", country: "DE", employees: "5000", at: at(2)),
        Fixtures.lead("L-4", email: "cy@acme.com", company: "Acme", country: "US", employees: "50", at: at(3)),
        Fixtures.lead("L-5", email: "al@initech.fr", company: "Initech", country: "FR", employees: "600", at: at(4)),
    ]

    static func report(keep: Int = 10) -> SimulationReport {
        Simulation.run(
            current: Fixtures.acme, draft: draft, accounts: AccountDirectory(),
            leads: leads.map { ReplayLead($0) }, keep: keep, coverageWeek: Fixtures.tuesdayAfternoon
        )
    }

    @Test func changedLeadsAreExactlyThoseRoutedElsewhere() {
        let r = Self.report()
        #expect(r.leads == 5)
        #expect(r.changed == 3)
        #expect(r.changes.map(\.leadId) == ["L-2", "L-3", "L-5"])
        let texts = r.changes.map { [$0.before.text, $0.after.text, $0.why] }
        #expect(texts == [
            ["no_route", "enterprise-emea -> ben", "enterprise-emea matched (country FR, employees 600 >= 500)"],
            ["enterprise-emea -> ben", "enterprise-emea -> chloe", "ben higher load (1/30)"],
            ["duplicate_suspect", "duplicate_suspect (enterprise-emea)",
             "enterprise-emea matched (country FR, employees 600 >= 500); same email as L-2"],
        ])
        #expect(r.first == Self.at(0) && r.last == Self.at(4))
    }

    @Test func keepsOnlyTheFirstChangesButCountsThemAll() {
        let r = Self.report(keep: 1)
        #expect(r.changed == 3)
        #expect(r.changes.map(\.leadId) == ["L-2"])
    }

    @Test func loadPerOwnerBeforeAndAfter() {
        let r = Self.report()
        let loads = r.owners.map { "\($0.owner) \($0.before ?? -1) \($0.after ?? -1) \($0.delta)" }
        #expect(loads == ["ana 1 1 0", "ben 1 1 0", "chloe 0 1 1", "dan 1 1 0", "eve 0 0 0"])
        #expect(r.before.assigned == 3 && r.after.assigned == 4)
        #expect(r.before.flagged == 2 && r.after.flagged == 1)
    }

    @Test func exceptionReasonsNewAndVanished() {
        let r = Self.report()
        #expect(r.reasons.map { "\($0.reason.code) \($0.before) \($0.after)" } == ["duplicate_suspect 1 1", "no_route 1 0"])
        #expect(r.vanishedReasons == [.noRoute])
        #expect(r.newReasons.isEmpty)
    }

    @Test func giniPerPoolBeforeAndAfter() throws {
        let r = Self.report()
        #expect(r.pools.map(\.pool) == ["emea-enterprise", "na-smb"])
        let emea = r.pools[0], na = r.pools[1]
        #expect(emea.leadsBefore == 2 && emea.leadsAfter == 3)
        #expect(abs(try #require(emea.before) - 1.0 / 3.0) < 1e-9)
        #expect(try #require(emea.after) == 0)
        #expect(na.before == 0.5 && na.after == 0.5)
    }

    @Test func coverageNamesIdleOwnersAndUncoveredPools() {
        let r = Self.report()
        #expect(r.idleOwners == ["eve"])
        #expect(r.uncovered.map(\.pool) == ["emea-enterprise", "na-smb"])
        #expect(r.uncovered[0].hours.hasSuffix("(Europe/Berlin)"))
    }

    @Test func sameRulebookChangesNothing() {
        let r = Simulation.run(
            current: Fixtures.acme, draft: Fixtures.acme, accounts: AccountDirectory(),
            leads: Self.leads.map { ReplayLead($0) }, keep: 10, coverageWeek: Fixtures.tuesdayAfternoon
        )
        #expect(r.changed == 0 && r.changes.isEmpty)
        #expect(r.owners.allSatisfy { $0.delta == 0 })
    }

    @Test func earlierLeadsMakeDuplicatesOfTheFirstReplayed() {
        let earlier = Normalizer.normalize(Fixtures.lead("L-0", email: "jo@globex.de", at: Self.at(-60)))
        let r = Simulation.run(
            current: Fixtures.acme, draft: Self.draft, accounts: AccountDirectory(), earlier: [earlier],
            leads: Self.leads.map { ReplayLead($0) }, keep: 10, coverageWeek: Fixtures.tuesdayAfternoon
        )
        #expect(r.reasons.first { $0.reason == .duplicateSuspect }?.before == 2)
    }

    /// An assignment holds its owner's load until the lead was closed in the store, then frees it.
    @Test func closedLeadsReleaseLoad() {
        var rulebook = Fixtures.acme
        rulebook.owners[3].capacity = 1
        rulebook.owners[4].capacity = 1
        func us(_ id: String, _ minute: Int) -> Lead { Fixtures.lead(id, email: "\(id)@acme.com", country: "US", employees: "10", at: Self.at(minute)) }
        var open = Replay(rulebook: rulebook, accounts: AccountDirectory())
        var closing = Replay(rulebook: rulebook, accounts: AccountDirectory())
        for (i, lead) in [us("a", 0), us("b", 1), us("c", 5)].enumerated() {
            _ = open.decide(ReplayLead(lead))
            let decision = closing.decide(ReplayLead(lead, closedAt: i == 0 ? Self.at(2) : nil))
            if i == 2 { #expect(decision.owner == "dan" && decision.isAssigned) }
        }
        #expect(open.assigned == 2 && open.flaggedByReason[.overCapacity] == 1)
        #expect(closing.assigned == 3)
    }

    @Test func giniCoefficient() throws {
        #expect(Gini.coefficient([Int]()) == nil)
        #expect(Gini.coefficient([0, 0]) == nil)
        #expect(Gini.coefficient([5, 5, 5]) == 0)
        #expect(abs(try #require(Gini.coefficient([0, 0, 3])) - 2.0 / 3.0) < 1e-9)
        #expect(Gini.coefficient([7]) == 0)
    }
}
