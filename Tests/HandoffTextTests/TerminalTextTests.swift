import Foundation
import Testing
import HandoffText

@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownEscaped() {
        #expect(TerminalText.safe("Acme\u{1B}[2J") == #"Acme\x1b[2J"#)
        #expect(TerminalText.safe("\u{1B}]0;pwned\u{07}Acme") == #"\x1b]0;pwned\x07Acme"#)
        #expect(TerminalText.safe("a\rb\tc\0d\u{7F}") == #"a\rb\tc\0d\x7f"#)
        #expect(TerminalText.safe("C1\u{9B}31m") == #"C1\x9b31m"#)
        #expect(TerminalText.safe("evil\u{202E}gpj.exe") == #"evil\u{202E}gpj.exe"#)
        #expect(TerminalText.safe("two\nlines") == #"two\nlines"#)
        #expect(TerminalText.safe("two\nlines", lineBreaks: true) == "two\nlines")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["", "Acme GmbH", "Zoë Łukasz 東京 🚀", "Köln — “quoted” …", "\u{2028}"] {
            #expect(TerminalText.safe(text) == text)
            #expect(!TerminalText.needsEscaping(text))
        }
    }

    @Test func stylesPassOnlyWhenAsked() {
        let painted = TextStyle(enabled: true).paint("flagged", .red)
        #expect(TerminalText.safe(painted, styles: true) == painted)
        #expect(!TerminalText.safe(painted).contains("\u{1B}"))
        // Anything but a colour sequence is escaped even then.
        #expect(TerminalText.safe("\u{1B}[2J\u{1B}]0;x\u{07}", styles: true) == #"\x1b[2J\x1b]0;x\x07"#)
    }

    /// JSON keeps the exact value: the escapes are JSON's own, and read back as the same characters.
    @Test func jsonKeepsTheExactValue() throws {
        let value = "a\u{85}b\u{202E}c\u{7F}d\u{9B}e"
        let encoded = String(decoding: try JSONEncoder().encode(["v": value]), as: UTF8.self)
        let safe = JSONText.escapingControls(encoded)
        #expect(!TerminalText.needsEscaping(safe))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(decoded["v"] == value)
    }

    @Test func tableCellsAreEscaped() {
        let lines = TextTable([.init("COMPANY")]).render([["Acme\u{1B}[2J"], ["Two\nLines"]])
        #expect(lines == ["COMPANY", #"Acme\x1b[2J"#, #"Two\nLines"#])
    }
}
