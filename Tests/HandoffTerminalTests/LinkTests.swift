import Testing
@testable import HandoffTerminal

@Test func linksAgainstNcursesw() {
    #expect(CursesVersion.text.hasPrefix("ncurses"))
}
