import Testing
import HandoffText

@Suite struct TextStyleTests {
    @Test func colourOnlyOnATerminal() {
        #expect(TextStyle.wanted(isTerminal: true, environment: [:]))
        #expect(!TextStyle.wanted(isTerminal: false, environment: [:]))
    }

    @Test func noColourAndDumbTerminalsTurnItOff() {
        #expect(!TextStyle.wanted(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TextStyle.wanted(isTerminal: true, environment: ["TERM": "dumb"]))
        // The convention: an empty NO_COLOR does not count.
        #expect(TextStyle.wanted(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test func plainStyleLeavesTextAlone() {
        #expect(TextStyle.plain.paint("flagged", .yellow) == "flagged")
        #expect(TextStyle(enabled: true).paint("flagged", .yellow) == "\u{1B}[33mflagged\u{1B}[0m")
    }
}
