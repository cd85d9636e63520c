import Testing
@testable import HandoffConsole

@Suite struct TextWidthTests {
    @Test func measuresWideAndCombiningCharacters() {
        #expect(TextWidth.columns("Acme") == 4)
        #expect(TextWidth.columns("株式会社") == 8)
        #expect(TextWidth.columns("Jose\u{301}") == 4)
        #expect(TextWidth.columns("🚀") == 2)
    }

    @Test func truncatesWithoutSplittingACharacter() {
        #expect(TextWidth.truncated("Acme GmbH", to: 6) == "Acme …")
        #expect(TextWidth.truncated("株式会社", to: 5) == "株式…")
        #expect(TextWidth.truncated("short", to: 10) == "short")
        #expect(TextWidth.padded("株", to: 4) == "株  ")
    }

    @Test func bufferKeepsWideCharactersWhole() {
        var screen = ScreenBuffer(rows: 1, columns: 6)
        screen.put("a株式b", row: 0, column: 0, role: .plain)
        #expect(screen.text(row: 0) == "a株式b")
        screen.put("x", row: 0, column: 2, role: .plain)
        #expect(screen.lines == ["a x式b"])
        screen.put("株式会社", row: 0, column: 0, width: 5, role: .plain)
        #expect(screen.lines == ["株式…b"])
    }
}
