import Foundation
import HandoffCore
import Testing
@testable import HandoffIntake

@Suite struct DateTextTests {
    let dates = DateText()

    @Test(arguments: [
        "2026-11-24T14:03:00Z", "2026-11-24T14:03:00.000Z", "2026-11-24T14:03:00.000+0000", "2026-11-24T15:03:00+01:00",
        "2026-11-24T09:03:00-05", "2026-11-24 14:03", "2026-11-24 14:03:00", "2026-11-24t14:03z", "2026/11/24 14:03",
        "11/24/2026 2:03 PM", "11/24/2026 2:03 pm", "11/24/2026, 2:03 p.m.", "11/24/2026 14:03", "11/24/26 2:03 PM",
        "24.11.2026 14:03", " 2026-11-24 14:03 UTC ", "1795528980", "1795528980000",
    ])
    func readsTheSameInstant(_ text: String) {
        #expect(dates.date(from: text) == Sample.utc(2026, 11, 24, 14, 3), "\(text)")
    }

    @Test func datesAloneAreMidnight() {
        #expect(dates.date(from: "2026-11-24") == Sample.utc(2026, 11, 24))
        #expect(dates.date(from: "11/24/2026") == Sample.utc(2026, 11, 24))
        #expect(dates.date(from: "2028-02-29") == Sample.utc(2028, 2, 29))
    }

    @Test func fractionsAndMidnightHours() {
        #expect(dates.date(from: "2026-11-24T14:03:05.250Z") == Sample.utc(2026, 11, 24, 14, 3, 5).addingTimeInterval(0.25))
        #expect(dates.date(from: "11/24/2026 12:15 AM") == Sample.utc(2026, 11, 24, 0, 15))
        #expect(dates.date(from: "11/24/2026 12:15 PM") == Sample.utc(2026, 11, 24, 12, 15))
    }

    @Test func dayFirstAndZones() throws {
        #expect(DateText(order: .dayFirst).date(from: "24/11/2026 14:03") == Sample.utc(2026, 11, 24, 14, 3))
        let berlin = try #require(ZoneClock(identifier: "Europe/Berlin"))
        // Wall-clock times without an offset are read on the given zone's clock (CET, UTC+1, in November).
        #expect(DateText(zone: berlin).date(from: "2026-11-24 15:03") == Sample.utc(2026, 11, 24, 14, 3))
        // An explicit offset wins.
        #expect(DateText(zone: berlin).date(from: "2026-11-24T14:03Z") == Sample.utc(2026, 11, 24, 14, 3))
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-02-30", "2027-02-29", "24/11/2026", "2026-11-24 25:00", "2026-11-24 14:60",
        "11/24/2026 13:03 PM", "11/24/2026 0:03 AM", "2026-11-24T14:03+2", "2026-11-24 14:03 tomorrow", "2026.11.24",
        "11-24-2026", "123456789", "2026-11-24T14:3",
    ])
    func refuses(_ text: String) {
        #expect(dates.date(from: text) == nil, "\(text)")
    }
}
