import Testing
import HandoffText

@Suite struct InlineChartTests {
    @Test func sparklineScalesToTheLargestAndKeepsGapsVisible() {
        #expect(InlineChart.sparkline([0, 7, 14]) == "▁▄█")
        #expect(InlineChart.sparkline([0, 0]) == "▁▁")
        #expect(InlineChart.sparkline([]) == "")
    }

    @Test func barsAreMeasuredInEighthsAndNeverOverflow() {
        #expect(InlineChart.bar(1, width: 4) == "████")
        #expect(InlineChart.bar(0.5, width: 4) == "██")
        #expect(InlineChart.bar(0.5625, width: 4) == "██▎") // 18 eighths
        #expect(InlineChart.bar(2, width: 3) == "███")
        #expect(InlineChart.bar(0.0001, width: 10) == "▏", "a few never reads as none")
        #expect(InlineChart.bar(0, width: 10) == "")
        #expect(InlineChart.bar(.nan, width: 10) == "")
    }
}
