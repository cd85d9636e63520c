import Foundation
import Testing
import HandoffText

@Suite struct InstantTextTests {
    let demoTime = Date(timeIntervalSince1970: 1_795_530_600) // 2026-11-24T14:30:00Z

    @Test(arguments: ["2026-11-24T14:30:00Z", "2026-11-24T15:30:00+01:00", "2026-11-24T14:30:00.000Z", " 2026-11-24T14:30:00Z "])
    func readsISO8601(_ text: String) {
        #expect(InstantText.parse(text) == demoTime)
    }

    @Test func aBareDateIsMidnightUTC() {
        #expect(InstantText.parse("2026-11-24") == demoTime.addingTimeInterval(-(14 * 3600 + 30 * 60)))
    }

    @Test(arguments: ["", "yesterday", "2026-11-24 14:30", "2026-11-24T14:30", "2026-11-24T14:30:00Z later", "2026-13-01T00:00:00Z", "2026-11-24junk"])
    func rejectsEverythingElse(_ text: String) {
        #expect(InstantText.parse(text) == nil)
    }

    @Test func writesUTCWholeSeconds() {
        #expect(InstantText.format(demoTime.addingTimeInterval(0.4)) == "2026-11-24T14:30:00Z")
    }
}
