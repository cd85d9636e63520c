import Foundation
import Testing
@testable import HandoffText

@Suite struct TextTableTests {
    let table = TextTable([.init("ID"), .init("NAME", maxWidth: 6), .init("N", .right)])

    @Test func alignsColumnsToTheLongestValue() {
        let lines = table.render([["a", "Ann", "7"], ["bb", "Bo", "12"]])
        #expect(lines == [
            "ID  NAME   N",
            "a   Ann    7",
            "bb  Bo    12",
        ])
    }

    @Test func cutsLongValuesWithAnEllipsis() {
        let lines = table.render([["a", "Cyberdyne Systems", "1"]])
        #expect(lines[1] == "a   Cyber…  1")
    }

    @Test func noLineEndsInSpaces() {
        let lines = TextTable([.init("A"), .init("REASON")]).render([["x", ""], ["y", "no_route"]])
        #expect(lines[1] == "x")
    }

    @Test func colourDoesNotMoveColumns() {
        let style = TextStyle(enabled: true)
        let lines = table.render([["a", .init("Ann", .green), "7"]], style: style)
        let plain = lines[1].replacingOccurrences(of: "\u{1B}[32m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(plain == "a   Ann   7")
        #expect(lines[1].contains("\u{1B}[32mAnn\u{1B}[0m"))
    }
}
