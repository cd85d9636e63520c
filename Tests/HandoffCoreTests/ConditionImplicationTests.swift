import Testing
import HandoffCore

@Suite struct ConditionImplicationTests {
    let us = Condition.field(.country, .equals(.text("US")))
    let northAmerica = Condition.field(.country, .oneOf([.text("US"), .text("CA")]))
    let big = Condition.field(.employees, .compare(.greaterOrEqual, 1000))

    func implies(_ b: Condition, _ a: Condition) -> Bool { ConditionImplication.implies(b, a) }
    func field(_ test: FieldTest) -> Condition { .field(.employees, test) }

    @Test func alwaysAndEquality() {
        #expect(implies(us, .always))
        #expect(implies(.always, .always))
        #expect(!implies(.always, us))
        #expect(implies(us, us))
        #expect(implies(us, .field(.country, .equals(.text("us"))))) // text compares case-insensitively
    }

    @Test func valueSets() {
        #expect(implies(us, northAmerica))
        #expect(!implies(northAmerica, us))
        #expect(implies(.field(.country, .oneOf([.text("CA")])), northAmerica))
        #expect(!implies(.field(.country, .oneOf([.text("CA"), .text("MX")])), northAmerica))
        #expect(!implies(us, .field(.region, .equals(.text("US"))))) // another field
    }

    @Test func conjunctions() {
        #expect(implies(.all([us, big]), us))
        #expect(implies(.all([us, big]), northAmerica))
        #expect(implies(.all([us, big]), .all([northAmerica, field(.compare(.greaterThan, 500))])))
        #expect(!implies(us, .all([us, big])))
        #expect(!implies(.all([us, big]), .all([us, field(.compare(.greaterThan, 5000))])))
    }

    @Test func disjunctions() {
        #expect(implies(us, .any([big, northAmerica])))
        #expect(implies(.any([us, .field(.country, .equals(.text("CA")))]), northAmerica))
        #expect(!implies(.any([us, big]), northAmerica))
        #expect(!implies(northAmerica, .any([us, big])))
    }

    @Test func numericRanges() {
        #expect(implies(field(.compare(.greaterThan, 1000)), field(.compare(.greaterOrEqual, 1000))))
        #expect(!implies(field(.compare(.greaterOrEqual, 1000)), field(.compare(.greaterThan, 1000))))
        #expect(implies(field(.compare(.greaterOrEqual, 2000)), field(.compare(.greaterThan, 1000))))
        #expect(implies(field(.between(200, 300)), field(.compare(.lessThan, 500))))
        #expect(implies(field(.between(200, 300)), field(.between(100, 300))))
        #expect(!implies(field(.between(200, 600)), field(.compare(.lessThan, 500))))
        #expect(implies(field(.compare(.lessThan, 50)), field(.compare(.lessOrEqual, 50))))
        #expect(implies(field(.equals(.number(5))), field(.between(1, 10))))
        #expect(implies(field(.oneOf([.number(5), .number(7)])), field(.compare(.greaterThan, 4))))
        #expect(!implies(field(.oneOf([.number(5), .number(7)])), field(.compare(.greaterThan, 6))))
        #expect(implies(field(.compare(.equal, 3)), field(.between(3, 3))))
        #expect(implies(field(.compare(.greaterThan, 10)), field(.compare(.notEqual, 5))))
        #expect(!implies(field(.compare(.greaterThan, 1)), field(.compare(.notEqual, 5))))
        #expect(!implies(field(.compare(.lessThan, 10)), field(.compare(.greaterThan, 1))))
    }

    @Test func existsAndNegation() {
        #expect(implies(us, .field(.country, .exists(true))))
        #expect(implies(big, field(.exists(true))))
        #expect(!implies(field(.compare(.notEqual, 5)), field(.exists(true))))
        #expect(!implies(.field(.country, .exists(false)), .field(.country, .exists(true))))
        #expect(implies(us, .field(.country, .not(.equals(.text("CA"))))))
        #expect(!implies(northAmerica, .field(.country, .not(.equals(.text("CA"))))))
        #expect(implies(field(.compare(.greaterOrEqual, 1000)), field(.not(.compare(.lessThan, 200)))))
        #expect(implies(.field(.country, .not(northAmericaTest)), .field(.country, .not(.equals(.text("US"))))))
        #expect(implies(.not(northAmerica), .not(us)))
        #expect(!implies(.not(us), .not(northAmerica)))
    }

    @Test func unknownShapesAreNotAssumed() throws {
        let pattern = Condition.field(.title, .matches(try Pattern("^vp")))
        #expect(implies(pattern, pattern))
        #expect(!implies(.field(.title, .equals(.text("VP Sales"))), pattern))
        #expect(!implies(.not(us), us))
        #expect(!implies(us, .not(.field(.industry, .equals(.text("Retail"))))))
    }

    var northAmericaTest: FieldTest { .oneOf([.text("US"), .text("CA")]) }
}
