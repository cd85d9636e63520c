import Foundation
import HandoffDesk
import Testing
@testable import HandoffConsole

/// The header's intake figures while a server feeds the workspace: in full where there is room, the
/// sparklines giving way and then shorter words where there is not, never wrapping; gone with the server.
@Suite struct IntakeHeaderTests {
    static let intake = IntakeStatus(pid: 4242, at: ConsoleFixtures.now, listen: "127.0.0.1:8420",
                                     requestsPerMinute: 42, leadsPerMinute: 118, rejectedPerMinute: 3)

    @Test(arguments: [60, 80, 100, 120, 200])
    func headerWithIntake(columns: Int) throws {
        var state = ConsoleFixtures.state(rows: 14, columns: columns)
        _ = Reducer.reduce(&state, .intake(Self.intake))
        try GoldenScreenTests().check("header-intake-\(columns)", state)
    }

    /// With the day's review too: the intake comes first, the review takes what room is left.
    @Test func headerWithIntakeAndInsightsAt200() throws {
        var state = ConsoleFixtures.state(rows: 14, columns: 200)
        _ = Reducer.reduce(&state, .insights(InsightsFixtures.review()))
        _ = Reducer.reduce(&state, .intake(Self.intake))
        try GoldenScreenTests().check("header-intake-insights-200", state)
    }

    @Test func theFiguresLeaveWithTheServer() {
        var state = ConsoleFixtures.state(rows: 14, columns: 200)
        let without = ConsoleRenderer.render(state).lines[1]
        _ = Reducer.reduce(&state, .intake(Self.intake))
        #expect(ConsoleRenderer.render(state).lines[1].contains("intake 42 req/min · 118 leads/min · 3 rejected"))
        _ = Reducer.reduce(&state, .intake(nil))
        #expect(state.intake == nil)
        #expect(ConsoleRenderer.render(state).lines[1] == without)
    }

    /// At no width does the intake push the SLA figure (the last one that must show) off the row.
    @Test func atEveryWidthTheSLAFigureStaysWhereItFitBefore() {
        for columns in 40...220 {
            var state = ConsoleFixtures.state(rows: 14, columns: columns)
            let before = ConsoleRenderer.render(state).lines[1]
            _ = Reducer.reduce(&state, .intake(Self.intake))
            let row = ConsoleRenderer.render(state).lines[1]
            if before.contains("SLA ! 0 +1") { #expect(row.contains("SLA ! 0 +1"), "\(columns) columns: \(row)") }
            if columns >= 80 { #expect(row.contains("intake"), "\(columns) columns: \(row)") }
        }
    }
}
