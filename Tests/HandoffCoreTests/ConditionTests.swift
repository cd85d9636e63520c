import Foundation
import Testing
@testable import HandoffCore

@Suite struct ConditionTests {
    let lead = Normalizer.normalize(Lead(
        id: "L1", receivedAt: Fixtures.tuesdayAfternoon, email: "Jo@Globex.de", lastName: "Weber", title: "VP Sales",
        company: "Globex", country: "Deutschland", employees: "4,200", annualRevenue: "1.2bn", industry: "Manufacturing",
        attributes: ["segment": "Mid-Market", "seats": "250"]
    ))
    let facts = LeadFacts(account: Account(domain: "globex.de", name: "Globex", owner: "ben"), freeEmail: false)

    func holds(_ field: LeadField, _ test: FieldTest) -> Bool { Condition.field(field, test).holds(lead, facts) }

    @Test func equalityIsCaseInsensitiveForText() {
        #expect(holds(.industry, .equals(.text("manufacturing"))))
        #expect(holds(.country, .equals(.text("DE"))))
        #expect(!holds(.country, .equals(.text("FR"))))
        #expect(holds(.employees, .equals(.number(4200))))
        #expect(holds(.attribute("segment"), .equals(.text("mid-market"))))
        #expect(holds(.accountOwner, .equals(.text("ben"))))
    }

    @Test func membership() {
        #expect(holds(.country, .oneOf(["FR", "DE"].map { Scalar.text($0) })))
        #expect(!holds(.country, .oneOf([.text("US"), .text("CA")])))
        #expect(!holds(.region, .oneOf([.text("Bavaria")]))) // missing never matches
    }

    @Test func numericComparisons() {
        #expect(holds(.employees, .compare(.greaterOrEqual, 1000)))
        #expect(holds(.employees, .compare(.greaterThan, 4199)))
        #expect(!holds(.employees, .compare(.lessThan, 200)))
        #expect(holds(.employees, .compare(.lessOrEqual, 4200)))
        #expect(holds(.employees, .compare(.equal, 4200)))
        #expect(holds(.employees, .compare(.notEqual, 4201)))
        #expect(holds(.annualRevenue, .compare(.greaterOrEqual, 1_000_000_000)))
        #expect(holds(.employees, .between(200, 4200)))
        #expect(!holds(.employees, .between(200, 999)))
        #expect(holds(.attribute("seats"), .compare(.greaterThan, 100))) // attributes parse as numbers
        #expect(!holds(.score, .compare(.lessThan, 10))) // missing never compares
    }

    @Test func patternsExistenceAndNegation() throws {
        #expect(holds(.title, .matches(try Pattern("^vp\\b"))))
        #expect(!holds(.title, .matches(try Pattern("^cto$"))))
        #expect(holds(.email, .exists(true)))
        #expect(holds(.phone, .exists(false)))
        #expect(holds(.country, .not(.oneOf([.text("US")]))))
        #expect(!holds(.country, .not(.equals(.text("de")))))
    }

    @Test func derivedFacts() {
        #expect(holds(.matchedAccount, .equals(.flag(true))))
        #expect(holds(.freeEmail, .equals(.flag(false))))
        #expect(holds(.emailDomain, .equals(.text("globex.de"))))
        #expect(holds(.accountName, .equals(.text("GLOBEX"))))
    }

    @Test func groups() {
        let de = Condition.field(.country, .equals(.text("DE")))
        let small = Condition.field(.employees, .compare(.lessThan, 200))
        #expect(Condition.any([de, small]).holds(lead, facts))
        #expect(!Condition.all([de, small]).holds(lead, facts))
        #expect(Condition.not(small).holds(lead, facts))
        #expect(Condition.always.holds(lead, facts))
        #expect(Condition.all([]).holds(lead, facts))
        #expect(!Condition.any([]).holds(lead, facts))
    }

    @Test func reasonsAndFailuresReadLikeSentences() {
        let c = Condition.all([
            .field(.country, .oneOf([.text("DE"), .text("FR")])),
            .field(.employees, .compare(.greaterOrEqual, 1000)),
            .any([.field(.industry, .equals(.text("Retail"))), .field(.matchedAccount, .equals(.flag(true)))]),
        ])
        #expect(c.reasons(lead, facts).map(\.description) == ["country DE", "employees 4,200 >= 1000", "matched account"])
        let small = Condition.field(.employees, .compare(.lessThan, 200))
        #expect(small.failure(lead, facts) == "employees is 4,200, wanted < 200")
        #expect(c.text == "country in [DE, FR] and employees >= 1000 and (industry = Retail or matched_account = true)")
    }

    @Test func fieldNamesRoundTrip() {
        for field in LeadField.named { #expect(LeadField(name: field.name) == field) }
        #expect(LeadField(name: "attributes.segment") == .attribute("segment"))
        #expect(LeadField(name: "attributes.") == nil)
        #expect(LeadField(name: "employee") == nil)
    }
}

import HandoffDemo

/// The route index and the flattened conditions pick exactly the route a plain scan would.
@Suite struct RouteIndexTests {
    @Test func sameFirstMatchAsAPlainScan() {
        let workspace = SyntheticWorkspace.generate(seed: 9, owners: 60, pools: 8, routes: 50, accounts: 500)
        var rulebook = workspace.rulebook
        // Add routes the flattening keeps general, so both paths are exercised.
        rulebook.routes.insert(Route(name: "not-retail", when: .all([
            .field(.industry, .not(.equals(.text("Retail")))), .field(.employees, .compare(.notEqual, 13)),
            .any([.field(.title, .matches(try! Pattern("^vp"))), .field(.attribute("tier"), .equals(.text("gold")))]),
        ]), pool: rulebook.pools[0].name), at: 3)
        let accounts = AccountDirectory(workspace.accounts)
        var stream = LeadStream(seed: 9, accounts: workspace.accounts, start: Fixtures.tuesdayAfternoon)
        var matched = Set<Int>()
        for _ in 0..<3_000 {
            var lead = Normalizer.normalize(stream.next())
            if lead.id.hasSuffix("7") { lead.attributes["tier"] = "gold" }
            let facts = LeadFacts(account: lead.emailDomain.flatMap(accounts.account(forDomain:)), freeEmail: false)
            let fast = rulebook.routeIndex.firstMatch(lead, facts, routes: rulebook.routes)
            #expect(fast == rulebook.routes.firstIndex { $0.when.holds(lead, facts) }, "\(lead.id)")
            if let fast { matched.insert(fast) }
        }
        #expect(matched.count > 20) // many different routes were the answer
        #expect(rulebook.routeIndex.field == .country)
    }
}
