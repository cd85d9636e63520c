import Foundation
import Testing
@testable import HandoffCore

@Suite struct NormalizerTests {
    @Test func textIsTrimmedAndEmptyIsMissing() {
        let n = Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, email: "  Jo@ACME.com \n", firstName: "\tJo ", company: "   "))
        #expect(n.email == "jo@acme.com")
        #expect(n.emailDomain == "acme.com")
        #expect(n.firstName == "Jo")
        #expect(n.company == nil)
    }

    @Test(arguments: [
        ("https://www.Acme.com/about?x=1", "acme.com"), ("acme.com", "acme.com"), ("WWW.ACME.CO.UK.", "acme.co.uk"),
        ("http://shop.acme.com:8080", "shop.acme.com"), ("not a domain", nil), ("localhost", nil),
    ] as [(String, String?)])
    func domains(_ raw: String, _ expected: String?) {
        #expect(Normalizer.domain(raw) == expected)
    }

    @Test(arguments: [
        ("DE", "DE"), ("de", "DE"), ("Germany", "DE"), ("deutschland", "DE"), ("United States", "US"), ("USA", "US"),
        ("U.S.A.", "US"), ("UK", "GB"), ("United Kingdom", "GB"), ("France", "FR"), ("españa", "ES"), ("GBR", "GB"),
        ("Brazil", "BR"), ("Atlantis", nil), ("XX", nil),
    ] as [(String, String?)])
    func countries(_ raw: String, _ expected: String?) {
        #expect(CountryCodes.code(for: raw) == expected)
    }

    @Test func unknownCountryIsKeptAsGiven() {
        #expect(Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, country: " Atlantis ")).country == "Atlantis")
    }

    @Test(arguments: [
        ("1,200", 1_200), ("1 200", 1_200), ("1.2k", 1_200), ("$4.5M", 4_500_000), ("3bn", 3e9), ("€ 12,000", 12_000),
        ("250", 250), ("-3", -3), ("12%", 12), ("2.5 B", 2.5e9),
    ] as [(String, Double)])
    func numbers(_ raw: String, _ expected: Double) {
        #expect(NumberText.parse(raw) == expected)
    }

    /// CRM bands read as their lower bound; anything that is not two numbers in order is no number.
    @Test func bandsReadAsTheirLowerBound() {
        #expect(NumberText.parse("100-500") == 100)
        #expect(NumberText.parse("1,000 - 5,000") == 1_000)
        #expect(NumberText.parse("1000\u{2013}5000") == 1_000)
        #expect(NumberText.parse("10k to 50k") == 10_000)
        #expect(NumberText.parse("$1M-$5M") == 1_000_000)
        #expect(NumberText.parse("1000+") == 1_000)
        #expect(NumberText.parse("-5") == -5)
        #expect(NumberText.parse("500-100") == nil, "a band upside down is no band")
        #expect(NumberText.parse("100-") == nil)
        #expect(NumberText.parse("100-500-900") == nil)
        #expect(NumberText.parse("ten-twenty") == nil)
        #expect(NumberText.parse("2026-11-24") == nil, "a date is no band")
    }

    @Test func unparseableNumbersAreReported() {
        let n = Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, employees: "lots", annualRevenue: "n/a"))
        #expect(n.employees == nil)
        #expect(n.problems.map(\.field) == ["employees", "annual_revenue"])
        #expect(NumberText.parse("") == nil)
        #expect(NumberText.parse("k") == nil)
    }

    @Test func groupedNumbers() {
        #expect(NumberText.grouped(4200) == "4,200")
        #expect(NumberText.grouped(1_000_000_000) == "1,000,000,000")
        #expect(NumberText.grouped(12.5) == "12.5")
        #expect(NumberText.grouped(-1500) == "-1,500")
    }

    @Test func emailSyntax() {
        for good in ["a@b.co", "jo.weber+tag@globex.de", "x_y@sub.domain.example", "ü@bücher.de"] { #expect(EmailCheck.isValid(good), "\(good)") }
        for bad in ["", "a@b", "a@b.c", "@b.co", "a@", "a b@c.de", "a@b..de", ".a@b.de", "a.@b.de", "a@b.c0"] { #expect(!EmailCheck.isValid(bad), "\(bad)") }
    }
}
