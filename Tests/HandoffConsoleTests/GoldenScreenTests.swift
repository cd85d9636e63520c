import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import Testing
@testable import HandoffConsole

/// The console rendered headless into a screen buffer and compared, row by row, with files under
/// Goldens/. Regenerate on purpose with HANDOFF_UPDATE_GOLDENS=1 and read the diff before committing.
@Suite struct GoldenScreenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    func check(_ name: String, _ state: ConsoleState, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = ConsoleRenderer.render(state)
        let text = screen.lines.joined(separator: "\n") + "\n"
        let file = Self.directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["HANDOFF_UPDATE_GOLDENS"] != nil {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count, "\(name): \(got.count) lines, golden has \(want.count)", sourceLocation: sourceLocation)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("\(name) line \(i + 1):\n got: \(g)\nwant: \(w)", sourceLocation: sourceLocation)
            break
        }
        // Every row is exactly as wide as the screen: nothing spills or falls short.
        for row in 0..<screen.rows {
            let width = (0..<screen.columns).reduce(0) { $0 + (screen[row, $1].continuation ? 0 : TextWidth.columns(screen[row, $1].character)) }
            let continuations = (0..<screen.columns).filter { screen[row, $0].continuation }.count
            #expect(width == screen.columns && continuations < screen.columns, "\(name) row \(row) is \(width) wide", sourceLocation: sourceLocation)
        }
    }

    @Test func incomingAt80x24() throws { try check("incoming-80x24", ConsoleFixtures.state()) }

    @Test func exceptionsAt120x40() throws {
        var state = ConsoleFixtures.state(rows: 40, columns: 120)
        state.press(.character("2"))
        try check("exceptions-120x40", state)
    }

    @Test func ownersAt100x30() throws {
        var state = ConsoleFixtures.state(rows: 30, columns: 100)
        state.press(.character("3"))
        try check("owners-100x30", state)
    }

    @Test func activityAt80x24() throws {
        var state = ConsoleFixtures.state()
        state.press(.character("4"))
        try check("activity-80x24", state)
    }

    @Test func wideLayoutShowsTheDetailPaneBesideTheTable() throws {
        var state = ConsoleFixtures.state(rows: 70, columns: 250)
        state.press(.down)
        let row = ConsoleFixtures.incoming[1]
        var record = ConsoleFixtures.record(row, version: 3)
        record.lead.email = "kenji@sakura.co.jp"
        record.lead.firstName = "Kenji"
        let events = [
            LeadEvent(seq: 1, leadId: row.id, kind: .received, at: ConsoleFixtures.at(2), actor: "import", leadVersion: 1),
            LeadEvent(seq: 2, leadId: row.id, kind: .flagged, at: ConsoleFixtures.at(2), actor: "router", leadVersion: 2, reason: "no_route", detail: EventDetail(owner: "ana")),
            LeadEvent(seq: 3, leadId: row.id, kind: .annotated, at: ConsoleFixtures.at(1), actor: "ben", leadVersion: 3, detail: EventDetail(text: "Zoë says: call after 3pm")),
        ]
        _ = Reducer.reduce(&state, .detail(LeadDetail(record: record, events: events)))
        try check("detail-250x70", state)
    }

    @Test func bulkConfirmDialog() throws {
        var state = ConsoleFixtures.state()
        state.press(.character("2"), .character(" "), .character(" "), .character("a"))
        try check("confirm-80x24", state)
    }

    @Test func helpIsGeneratedFromTheKeyMap() throws {
        var state = ConsoleFixtures.state(rows: 40, columns: 100)
        state.press(.character("?"))
        try check("help-100x40", state)
    }

    @Test(arguments: [(24, 80), (40, 120), (70, 250)])
    func insightsView(rows: Int, columns: Int) throws {
        var state = ConsoleFixtures.state(rows: rows, columns: columns)
        _ = Reducer.reduce(&state, .insights(InsightsFixtures.review()))
        state.press(.character("5"))
        try check("insights-\(columns)x\(rows)", state)
    }

    @Test func insightsScrollOnASmallTerminal() throws {
        var state = ConsoleFixtures.state(rows: 14, columns: 60)
        _ = Reducer.reduce(&state, .insights(InsightsFixtures.review()))
        state.press(.character("5"))
        try check("insights-60x14", state)
        let limit = InsightsView.scrollLimit(state)
        #expect(limit > 0)
        state.press(.pageDown, .down)
        #expect(state.tops[.insights] == min(Layout(state).tableBodyRows + 1, limit))
        state.press(.character("G"))
        #expect(state.tops[.insights] == limit)
        try check("insights-60x14-bottom", state)
        state.press(.up, .character("g"))
        #expect(state.tops[.insights] == 0)
    }

    @Test func insightsBeforeTheFirstReviewAndOnAnEmptyDay() throws {
        var state = ConsoleFixtures.state()
        state.press(.character("5"))
        try check("insights-loading-80x24", state)
        _ = Reducer.reduce(&state, .insights(ReviewBuilder(rulebooks: [:], recorded: []).build(
            ReviewFacts(start: ConsoleFixtures.now.addingTimeInterval(-86_400), end: ConsoleFixtures.now))))
        try check("insights-empty-80x24", state)
    }

    /// The header's figures from the day's review: in full where there is room, shorter, or not at all.
    @Test(arguments: [60, 80, 120, 200])
    func headerWithInsights(columns: Int) throws {
        var state = ConsoleFixtures.state(rows: 14, columns: columns)
        _ = Reducer.reduce(&state, .insights(InsightsFixtures.review()))
        try check("header-insights-\(columns)", state)
    }

    @Test func tooSmallTerminalSaysSo() throws {
        try check("too-small-20x8", ConsoleFixtures.state(rows: 8, columns: 20))
    }

    @Test func viewerSeesDisabledActions() throws {
        var state = ConsoleFixtures.state(role: .viewer)
        state.press(.character("a"))
        try check("viewer-80x24", state)
    }
}

/// The Simulation view: the summary band and the changed leads, then a lead's two decisions beside them.
@Suite struct SimulationGoldenTests {
    @Test func simulationAt120x30() throws {
        try GoldenScreenTests().check("simulation-120x30", SimulationFixtures.state())
    }

    @Test func simulationDetailAt200x40() throws {
        var state = SimulationFixtures.state(rows: 40, columns: 200)
        state.press(.down)
        try GoldenScreenTests().check("simulation-detail-200x40", state)
    }

    @Test func simulationRunningAt80x24() throws {
        var state = ConsoleFixtures.state()
        state.press(.character(":"))
        state.type("simulate drafts/lower-threshold.yaml")
        state.press(.enter)
        try GoldenScreenTests().check("simulation-running-80x24", state)
    }
}
