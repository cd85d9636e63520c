import Foundation
import Testing
@testable import HandoffCore

@Suite struct ConditionParserTests {
    @Test func textValues() throws {
        #expect(condition("{industry: Software}") == .field(.industry, .equals(.text("Software"))))
        #expect(condition("{postal_code: 10115}") == .field(.postalCode, .equals(.text("10115"))))
        #expect(condition("{email_domain: Acme.COM}") == .field(.emailDomain, .equals(.text("acme.com"))))
        #expect(condition("{website_domain: [Acme.com, b.io]}") == .field(.websiteDomain, .oneOf([.text("acme.com"), .text("b.io")])))
    }

    @Test func countriesAreNormalized() {
        #expect(condition("{country: Germany}") == .field(.country, .equals(.text("DE"))))
        #expect(condition("{country: [germany, fr, USA]}") == .field(.country, .oneOf([.text("DE"), .text("FR"), .text("US")])))
        // YAML 1.1 reads a bare NO as false; on a text field it stays the text it was.
        #expect(condition("{country: NO}") == .field(.country, .equals(.text("NO"))))
    }

    @Test func comparisons() {
        #expect(condition(#"{employees: ">= 1000"}"#) == .field(.employees, .compare(.greaterOrEqual, 1000)))
        #expect(condition(#"{employees: "< 200"}"#) == .field(.employees, .compare(.lessThan, 200)))
        #expect(condition(#"{annual_revenue: "> 1.2k"}"#) == .field(.annualRevenue, .compare(.greaterThan, 1200)))
        #expect(condition(#"{score: "<= 10"}"#) == .field(.score, .compare(.lessOrEqual, 10)))
        #expect(condition(#"{score: "!= 5"}"#) == .field(.score, .compare(.notEqual, 5)))
        #expect(condition(#"{score: "= 3"}"#) == .field(.score, .compare(.equal, 3)))
        #expect(condition(#"{annual_revenue: ">=$4.5M"}"#) == .field(.annualRevenue, .compare(.greaterOrEqual, 4_500_000)))
    }

    @Test func between() {
        #expect(condition(#"{employees: "between 50 and 200"}"#) == .field(.employees, .between(50, 200)))
        #expect(condition("{annual_revenue: between 1m and 2.5m}") == .field(.annualRevenue, .between(1_000_000, 2_500_000)))
    }

    @Test func numbersAndFlags() {
        #expect(condition("{employees: 500}") == .field(.employees, .equals(.number(500))))
        #expect(condition("{score: 1.5}") == .field(.score, .equals(.number(1.5))))
        #expect(condition("{employees: [10, \"1.2k\"]}") == .field(.employees, .oneOf([.number(10), .number(1200)])))
        #expect(condition("{matched_account: true}") == .field(.matchedAccount, .equals(.flag(true))))
        #expect(condition("{free_email: false}") == .field(.freeEmail, .equals(.flag(false))))
    }

    @Test func operatorMappings() throws {
        #expect(condition("{title: {matches: '^(vp|head) '}}") == .field(.title, .matches(try Pattern("^(vp|head) "))))
        #expect(condition("{phone: {exists: false}}") == .field(.phone, .exists(false)))
        #expect(condition("{company: {exists: true}}") == .field(.company, .exists(true)))
        #expect(condition("{country: {not: US}}") == .field(.country, .not(.equals(.text("US")))))
        #expect(condition("{country: {not: [US, CA]}}") == .field(.country, .not(.oneOf([.text("US"), .text("CA")]))))
        #expect(condition("{employees: {not: \"< 10\"}}") == .field(.employees, .not(.compare(.lessThan, 10))))
        #expect(condition("{country: {in: [US, Canada]}}") == .field(.country, .oneOf([.text("US"), .text("CA")])))
    }

    @Test func attributes() {
        #expect(condition("{attributes.segment: enterprise}") == .field(.attribute("segment"), .equals(.text("enterprise"))))
        #expect(condition(#"{attributes.seats: ">= 10"}"#) == .field(.attribute("seats"), .compare(.greaterOrEqual, 10)))
        #expect(condition("{attributes.seats: 25}") == .field(.attribute("seats"), .equals(.number(25))))
        #expect(condition("{attributes.vip: true}") == .field(.attribute("vip"), .equals(.flag(true))))
        #expect(condition("{attributes.answer: no}") == .field(.attribute("answer"), .equals(.text("no"))))
    }

    @Test func groups() {
        let us = Condition.field(.country, .equals(.text("US")))
        let big = Condition.field(.employees, .compare(.greaterOrEqual, 500))
        #expect(condition(#"{any: [{country: US}, {employees: ">= 500"}]}"#) == .any([us, big]))
        #expect(condition(#"{all: [{country: US}, {employees: ">= 500"}]}"#) == .all([us, big]))
        #expect(condition("{not: {country: US}}") == .not(us))
        #expect(condition(#"{not: {country: US, employees: ">= 500"}}"#) == .not(.all([us, big])))
        #expect(condition(#"{any: [{country: US, employees: ">= 500"}, {matched_account: true}]}"#)
            == .any([.all([us, big]), .field(.matchedAccount, .equals(.flag(true)))]))
    }

    @Test func severalKeysAreAnImplicitAllInFileOrder() {
        #expect(condition("{country: US, not: {industry: Retail}}") == .all([
            .field(.country, .equals(.text("US"))), .not(.field(.industry, .equals(.text("Retail")))),
        ]))
    }

    @Test func blockStyleWhen() throws {
        let yaml = baseRulebook + """
            routes:
              - name: r
                when:
                  country: [DE, AT]
                  any:
                    - employees: ">= 1000"
                    - annual_revenue: ">= 100m"
                pool: main
            """
        let result = load(yaml)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.rulebook?.routes.first?.when == .all([
            .field(.country, .oneOf([.text("DE"), .text("AT")])),
            .any([.field(.employees, .compare(.greaterOrEqual, 1000)), .field(.annualRevenue, .compare(.greaterOrEqual, 100_000_000))]),
        ]))
    }

    @Test func emptyOrAbsentWhenAlwaysMatches() {
        #expect(condition("{}") == .always)
        #expect(condition("") == .always)
        #expect(condition("~") == .always)
    }
}
