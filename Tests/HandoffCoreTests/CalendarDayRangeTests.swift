import Testing
@testable import HandoffCore

@Suite struct CalendarDayRangeTests {
    @Test func calendarDaysOutsideTheSupportedYearsAreRefused() {
        #expect(CalendarDay("1500-01-01") == nil)
        #expect(CalendarDay("0000-01-01") == nil)
        #expect(CalendarDay("2026-02-30") == nil)
        #expect(CalendarDay("9999-12-31")?.description == "9999-12-31")
        #expect(CalendarDay("1900-01-01")?.description == "1900-01-01")
    }
}
