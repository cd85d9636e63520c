import Foundation
import Testing
@testable import HandoffCore

@Suite struct RouterTests {
    @Test func assignsByLoadAndExplainsEveryoneElse() {
        var ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday)
        ctx.state.openLoad[1] = 12
        let decision = Router.decide(Fixtures.lead("L1"), in: ctx)
        #expect(decision.isAssigned)
        #expect(decision.owner == "ben")
        #expect(decision.route == "enterprise-emea")
        #expect(DecisionText.summary(decision) == "enterprise-emea matched (country DE, employees 4,200 >= 1000) -> pool emea-enterprise, load_balanced -> ben (12/30). Passed over: ana off hours (05:10 in America/Sao_Paulo), chloe out of office until 2027-01-04")
    }

    @Test func sameInputsSameDecision() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let lead = Fixtures.lead("L1", country: "Germany")
        #expect(Router.decide(lead, in: ctx) == Router.decide(lead, in: ctx))
    }

    @Test func missingFieldIsFlaggedWithProposal() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let d = Router.decide(Fixtures.lead("L1", company: "  "), in: ctx)
        #expect(d.reason == .missingField)
        #expect(d.exceptions.first?.detail == "missing company")
        #expect(d.owner == "ana") // proposed, so an operator can approve in one key
        #expect(!d.isAssigned)
    }

    @Test func invalidEmail() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        for bad in ["jo@", "jo.globex.de", "jo@globex", "jo smith@globex.de", "@globex.de", "jo@@globex.de", "jo@globex..de"] {
            #expect(Router.decide(Fixtures.lead("L1", email: bad), in: ctx).reason == .invalidEmail, "\(bad)")
        }
        #expect(Router.decide(Fixtures.lead("L1", email: " Jo.Weber+x@Globex.DE "), in: ctx).isAssigned)
    }

    @Test func freeEmailFlaggedOrAllowedByPolicy() {
        var rulebook = Fixtures.acme
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        #expect(Router.decide(Fixtures.lead("L1", email: "jo@gmail.com"), in: ctx).reason == .freeEmail)
        rulebook.readiness.freeEmailDomains = .allow
        ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        #expect(Router.decide(Fixtures.lead("L1", email: "jo@gmail.com"), in: ctx).isAssigned)
    }

    @Test func duplicateWithinWindowNamesTheEarlierLead() {
        var ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let first = ctx.route(Fixtures.lead("L1", at: Fixtures.utc(2026, 11, 1)))
        #expect(first.isAssigned)
        let second = ctx.route(Fixtures.lead("L2", email: "JO@globex.de", at: Fixtures.utc(2026, 11, 20)))
        #expect(second.reason == .duplicateSuspect)
        #expect(second.duplicateOf == "L1")
        #expect(second.exceptions[0].detail == "same email as L1")
        // Outside the 30-day window it is a new lead.
        let third = ctx.route(Fixtures.lead("L3", at: Fixtures.utc(2027, 1, 5)))
        #expect(third.duplicateOf == nil)
    }

    @Test func aLeadRoutedAgainIsNeverADuplicateOfALaterLead() {
        var ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let first = ctx.route(Fixtures.lead("L-0000009", at: Fixtures.utc(2026, 11, 20)))
        #expect(first.duplicateOf == nil)
        #expect(ctx.route(Fixtures.lead("L-0000652", at: Fixtures.utc(2026, 11, 21))).duplicateOf == "L-0000009")
        // L-0000009 retried: the index's newest lead with its email is the later one, which is no original of it.
        let retried = Router.decide(Fixtures.lead("L-0000009", at: Fixtures.utc(2026, 11, 20)), in: ctx)
        #expect(retried.duplicateOf == nil && retried.reason != .duplicateSuspect)
        #expect(!retried.trace.steps.contains { if case .duplicate = $0 { true } else { false } })
        // Received order decides, as in a simulation's replay: a lead received before both is no one's duplicate.
        #expect(ctx.route(Fixtures.lead("L-10000000", at: Fixtures.utc(2026, 11, 19))).duplicateOf == nil)
        // Received at the same instant, the lead stored first is the original.
        var same = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        _ = same.route(Fixtures.lead("L-0000010", at: Fixtures.utc(2026, 11, 20)))
        #expect(same.route(Fixtures.lead("L-0000011", at: Fixtures.utc(2026, 11, 20))).duplicateOf == "L-0000010")
    }

    @Test func duplicateIgnoredByPolicyIsTracedNotFlagged() {
        var rulebook = Fixtures.acme
        rulebook.duplicates.action = .ignore
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        _ = ctx.route(Fixtures.lead("L1"))
        let d = ctx.route(Fixtures.lead("L2"))
        #expect(d.isAssigned)
        #expect(d.trace.steps.contains(.duplicate(of: "L1", key: "jo@globex.de", ignored: true)))
    }

    @Test func compositeDuplicateKey() {
        var rulebook = Fixtures.acme
        rulebook.duplicates.matchOn = [.emailDomain, .lastName]
        var ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        _ = ctx.route(Fixtures.lead("L1", email: "jo@globex.de"))
        #expect(ctx.route(Fixtures.lead("L2", email: "kim@globex.de")).duplicateOf == "L1")
        #expect(ctx.route(Fixtures.lead("L3", email: "kim@initech.de")).duplicateOf == nil)
    }

    @Test func noRouteFallsBackToFlag() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let d = Router.decide(Fixtures.lead("L1", country: "JP"), in: ctx)
        #expect(d.reason == .noRoute)
        #expect(d.owner == nil)
        #expect(d.trace.steps.contains(.noRoute(tried: 4)))
        #expect(d.trace.steps.contains(.misses([
            RouteMiss(route: "named-account", why: "no matched account"),
            RouteMiss(route: "enterprise-emea", why: "country is JP, wanted in [DE, FR, GB, NL, ES, IT]"),
            RouteMiss(route: "strategic-review", why: "annual_revenue is missing, wanted >= 1000000000"),
            RouteMiss(route: "na-smb", why: "country is JP, wanted in [US, CA]"),
        ])))
    }

    @Test func fallbackPoolRoutesTheRest() {
        var rulebook = Fixtures.acme
        rulebook.fallback = .pool("na-smb", .auto)
        let ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon)
        let d = Router.decide(Fixtures.lead("L1", country: "JP"), in: ctx)
        #expect(d.isAssigned)
        #expect(d.pool == "na-smb")
        #expect(d.route == nil)
    }

    @Test func reviewRouteProposesAndFlags() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let d = Router.decide(Fixtures.lead("L1", country: "JP", employees: "50", revenue: "$2.5bn"), in: ctx)
        #expect(d.route == "strategic-review")
        #expect(d.reason == .reviewRequired)
        #expect(d.owner != nil)
        #expect(!d.isAssigned)
    }

    @Test func noAvailableOwnerWhenEveryoneIsAway() {
        // 03:10 in New York: both na-smb owners are off hours.
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday)
        let d = Router.decide(Fixtures.lead("L1", country: "US", employees: "50"), in: ctx)
        #expect(d.reason == .noAvailableOwner)
        #expect(DecisionText.summary(d).contains("dan off hours (03:10 in America/New_York)"))
    }

    @Test func overCapacityWhenCapacityIsTheOnlyReason() {
        var ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        ctx.state.openLoad[3] = 60
        ctx.state.openLoad[4] = 60
        let d = Router.decide(Fixtures.lead("L1", country: "US", employees: "50"), in: ctx)
        #expect(d.reason == .overCapacity)
        #expect(d.exceptions[0].detail == "every owner in na-smb is at capacity")
    }

    @Test func accountOwnerThenFallbackPool() {
        let accounts = AccountDirectory([Account(domain: "globex.de", name: "Globex", owner: "chloe")])
        var ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon, accounts: accounts)
        let d = Router.decide(Fixtures.lead("L1"), in: ctx)
        #expect(d.owner == "chloe")
        #expect(d.route == "named-account")
        #expect(d.account == "globex.de")
        // Chloe away: the account pool hands over to its fallback pool and says why.
        ctx.now = Fixtures.monday
        let away = Router.decide(Fixtures.lead("L2"), in: ctx)
        #expect(away.owner == "ben")
        #expect(away.pool == "emea-enterprise")
        #expect(away.trace.steps.contains(.handover(from: "named-accounts", to: "emea-enterprise", because: "account owner chloe out of office until 2027-01-04")))
    }

    @Test func accountMatchByWebsiteWhenEmailIsFreeMail() {
        var rulebook = Fixtures.acme
        rulebook.readiness.freeEmailDomains = .allow
        let accounts = AccountDirectory([Account(domain: "globex.de", name: "Globex", owner: "ben")])
        let ctx = RoutingContext(rulebook: rulebook, now: Fixtures.tuesdayAfternoon, accounts: accounts)
        var lead = Fixtures.lead("L1", email: "jo@gmail.com")
        lead.website = "https://www.Globex.de/about"
        #expect(Router.decide(lead, in: ctx).owner == "ben")
    }

    @Test func unreadableNumbersAreTracedAndTreatedAsMissing() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.tuesdayAfternoon)
        let d = Router.decide(Fixtures.lead("L1", employees: "lots"), in: ctx)
        #expect(d.trace.steps.first == .unreadable([FieldProblem(field: "employees", value: "lots", message: "not a number")]))
        #expect(d.reason == .noRoute)
    }

    @Test func explainLinesListEveryCandidate() {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday)
        let lines = DecisionText.lines(Router.decide(Fixtures.lead("L1"), in: ctx))
        #expect(lines.contains("pool emea-enterprise (load_balanced), 3 considered:"))
        #expect(lines.contains("  ana 0/40 passed over: off hours (05:10 in America/Sao_Paulo)"))
        #expect(lines.contains("  ben 0/30 chosen"))
        #expect(lines.last == "assigned to ben")
    }

    @Test func decisionsRoundTripThroughJSON() throws {
        let ctx = RoutingContext(rulebook: Fixtures.acme, now: Fixtures.monday)
        let d = Router.decide(Fixtures.lead("L1", company: nil), in: ctx)
        let back = try JSONDecoder().decode(Decision.self, from: JSONEncoder().encode(d))
        #expect(back.trace == d.trace)
        #expect(back.exceptions == d.exceptions)
    }
}
