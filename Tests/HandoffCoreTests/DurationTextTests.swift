import Testing
import HandoffCore

@Suite struct DurationTextTests {
    @Test func readsUnitsAndCombinations() {
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("1h30m") == 5_400)
        #expect(DurationText.seconds("2w") == 1_209_600)
        #expect(DurationText.seconds("5x") == nil)
        #expect(DurationText.seconds("0m") == nil)
    }

    /// Found by fuzzing: a count too large to hold in seconds is not a duration, not a crash.
    @Test func aDurationTooLongToCountIsRefused() {
        #expect(DurationText.seconds("300129194000656w") == nil)
        #expect(DurationText.seconds("9223372036854775807s1s") == nil)
        #expect(DurationText.seconds("99999999999999999999d") == nil)
    }
}
