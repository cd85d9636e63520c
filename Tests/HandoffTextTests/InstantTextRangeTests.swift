import Foundation
import Testing
import HandoffText

/// Instants typed on the command line round-trip exactly or are refused.
@Suite struct InstantTextRangeTests {
    /// An impossible instant is refused, never rolled over to another one.
    @Test(arguments: [
        "2026-02-30", "2026-02-29T10:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T14:60:00Z", "2026-11-24T14:30:60Z",
        "2026-11-24T14:30:00+15:00", "2026-11-24T14:30:00-13:00", "2026-11-24T14:30:00+01:60", "1500-01-01", "1500-01-01T00:00:00Z",
    ])
    func impossibleInstantsAreRefused(_ text: String) {
        #expect(InstantText.parse(text) == nil, "\(text)")
    }

    @Test(arguments: ["2026-11-24T14:30:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2028-02-29T12:00:00Z", "1970-01-01T00:00:00Z"])
    func instantsRoundTrip(_ text: String) throws {
        #expect(InstantText.format(try #require(InstantText.parse(text))) == text)
    }
}
