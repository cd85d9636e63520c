import Testing
import HandoffConsole
@testable import HandoffTerminal

/// The screen buffer through real ncurses, headless: what ncurses holds afterwards must read back as
/// the buffer's text, wide and combining characters included. ncurses has one screen per process, so
/// these run one at a time.
@Suite(.serialized) struct HeadlessScreenTests {
    @Test func bufferReadsBackThroughNcurses() throws {
        let terminal = try Terminal.headless(rows: 6, columns: 40)
        defer { terminal.restore() }
        var screen = ScreenBuffer(rows: 6, columns: 40)
        screen.put(" Handoff · demo", row: 0, column: 0, role: .header)
        screen.put("L-000004 株式会社 Sakura  JP", row: 2, column: 2, role: .plain)
        screen.put("Zoe\u{301} Analytics ▲ over", row: 3, column: 2, role: .loadOver)
        screen.put("a very long company name that cannot fit in the row at all", row: 4, column: 30, role: .muted)
        terminal.draw(screen) { role in role == .header ? CellStyle(foreground: .indexed(231), background: .indexed(24), attributes: [.bold]) : CellStyle() }
        #expect(terminal.readBack() == screen.lines)
    }

    @Test func onlyChangedRowsAreRedrawnAndResizeStartsOver() throws {
        let terminal = try Terminal.headless(rows: 4, columns: 20)
        defer { terminal.restore() }
        var screen = ScreenBuffer(rows: 4, columns: 20)
        screen.put("first", row: 0, column: 0, role: .plain)
        terminal.draw(screen) { _ in CellStyle() }
        screen.put("second", row: 1, column: 0, role: .plain)
        terminal.draw(screen) { _ in CellStyle() }
        #expect(terminal.readBack() == ["first", "second", "", ""])
    }
}

@Suite struct PasteTests {
    @Test func aPastedLineBreakInsideAPromptIsASpace() {
        var state = ConsoleState(settings: ConsoleSettings(operatorName: "ana", workspace: "w"), rows: 24, columns: 80, now: .init(timeIntervalSince1970: 0))
        state.modal = .input(.outOfOffice(owner: "ana"), TextInput())
        let keys: [Key] = [.character("a"), .enter, .character("b"), .enter]
        #expect(ConsoleApp.pasted(keys, into: state) == [.character("a"), .character(" "), .character("b"), .enter])
        state.modal = nil
        #expect(ConsoleApp.pasted(keys, into: state) == keys)
    }
}
