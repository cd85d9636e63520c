import Foundation
import Testing
@testable import HandoffCore

/// A long test file read in parts side by side reads exactly as the whole file does: the same cases
/// with the same numbers and lines, and, when anything is wrong, the same problems at the same places.
@Suite struct CaseFilePartsTests {
    /// `count` cases of a few shapes, with comments and blank lines between items, a nested list at the
    /// item's own key indentation, and a multi-line name.
    func file(_ count: Int, head: String = "at: 2026-11-24 10:00 Europe/Berlin\n", extra: (Int) -> String = { _ in "" }) -> String {
        var text = head + "# the cases\ncases:\n"
        for i in 0..<count {
            switch i % 4 {
            case 0:
                text += "  - name: case \(i)\n    lead: {email: anna\(i)@siemens.de, company: Siemens, country: DE, employees: 4200}\n    expect: {route: enterprise-emea}\n"
            case 1:
                text += "\n  # a comment between items\n  - name: case \(i)\n    at: 2026-11-24 10:00 America/New_York\n    lead:\n      email: max\(i)@globex.com\n      country: US\n    given:\n      accounts:\n      - {domain: globex.com, name: Globex, owner: dan}\n    expect: {owner: dan}\n"
            case 2:
                text += "  -   name: >-\n        case\n        \(i)\n      lead: {email: y\(i)@small.com, country: US, employees: 10}\n      expect: {exception: none}\n"
            default:
                text += "  - {name: case \(i), lead: {email: x\(i)@acme.jp, country: JP}, expect: {exception: no_route}}\n"
            }
            text += extra(i)
        }
        return text
    }

    func whole(_ yaml: String) -> RuleCaseLoad { RuleCaseLoader.load(yaml: yaml, file: "t.yaml", parallelism: 1) }
    func inParts(_ yaml: String) -> RuleCaseLoad { RuleCaseLoader.load(yaml: yaml, file: "t.yaml", parallelism: 4) }

    @Test func partsReadAsTheWholeFile() throws {
        let yaml = file(2_400)
        let parts = try #require(CaseFileParts(yaml, maximum: 4))
        #expect(parts.parts.count == 4)
        #expect(parts.parts.map(\.firstCase) == [1, 601, 1201, 1801])
        // Every part keeps the file's line numbers: its first item is on the line it was on.
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for part in parts.parts {
            let partLines = part.text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstItem = try #require(partLines.firstIndex { $0.hasPrefix("  - ") })
            #expect(lines[firstItem] == partLines[firstItem])
        }
        // The parts alone give every case: the whole file is not read again.
        #expect(RuleCaseLoader.loadInParts(parts, file: "t.yaml")?.cases.count == 2_400)
        let one = whole(yaml), four = inParts(yaml)
        #expect(one.diagnostics.isEmpty, "\(one.diagnostics.prefix(3))")
        #expect(one.cases.count == 2_400)
        #expect(four.cases == one.cases)
        #expect(four.cases[1_801].name == "case 1801")
        #expect(four.cases[1_802].name == "case\n1802" || four.cases[1_802].name == "case 1802")
        #expect(four.cases.map(\.lead.id) == one.cases.map(\.lead.id))
    }

    @Test func aProblemInALatePartIsReportedAsTheWholeFileReportsIt() {
        let yaml = file(2_000) { $0 == 1_700 ? "  - name: broken\n    lead: {country: DE}\n    expect: {rout: x}\n" : "" }
        let one = whole(yaml), four = inParts(yaml)
        #expect(RuleCaseLoader.loadInParts(CaseFileParts(yaml, maximum: 4)!, file: "t.yaml") == nil)
        #expect(!one.errors.isEmpty)
        #expect(four.diagnostics == one.diagnostics)
        #expect(four.cases.isEmpty)
    }

    @Test func aNameRepeatedAcrossPartsIsReportedAsTheWholeFileReportsIt() {
        let yaml = file(2_000) { $0 == 1_900 ? "  - name: case 4\n    lead: {country: DE}\n    expect: {route: x}\n" : "" }
        let one = whole(yaml), four = inParts(yaml)
        #expect(one.errors.contains { $0.message.contains("duplicate case name 'case 4'") })
        #expect(four.diagnostics == one.diagnostics)
    }

    @Test func anAliasToAnotherPartFallsBackToTheWholeFile() {
        let yaml = file(2_000) { i in
            i == 10 ? "  - name: anchored\n    lead: &germany {email: a@b.de, country: DE}\n    expect: {route: enterprise-emea}\n"
                : i == 1_950 ? "  - name: aliased\n    lead: *germany\n    expect: {route: enterprise-emea}\n" : ""
        }
        #expect(inParts(yaml).cases == whole(yaml).cases)
        #expect(inParts(yaml).diagnostics == whole(yaml).diagnostics)
    }

    @Test func shapesThatCannotBeCutAreReadWhole() {
        let cases = file(1_200)
        #expect(CaseFileParts(cases, maximum: 2) != nil)
        #expect(CaseFileParts(cases + "at: 2026-11-24 10:00 UTC\n", maximum: 2) == nil)  // a key after the list
        #expect(CaseFileParts("---\n" + cases, maximum: 2) == nil)
        #expect(CaseFileParts(cases.replacingOccurrences(of: "cases:\n", with: "cases: # all\n"), maximum: 2) != nil)
        #expect(CaseFileParts("cases: [" + String(repeating: "{name: a},", count: 2_000) + "]\n", maximum: 2) == nil)
        #expect(CaseFileParts(file(600), maximum: 4)?.parts.count == nil)  // too few cases to be worth it
        #expect(CaseFileParts(cases, maximum: 1) == nil)
    }
}
