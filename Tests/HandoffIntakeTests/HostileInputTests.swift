import Foundation
import HandoffCore
import Testing
@testable import HandoffIntake

/// Records and files a hostile or broken export holds: each is quarantined with its place and reason,
/// or read exactly; none is changed silently.
@Suite struct HostileInputTests {
    /// A value is accepted exactly when it is finite and routing reads it.
    @Test func numbersThatOverflowAreQuarantined() throws {
        let digits = String(repeating: "9", count: 400)
        let run = try Sample.importLeads("email,employees,annual_revenue,score\na@b.c,$1e308bn,1,1\nb@b.c,1,1e308bn,1\nc@b.c,1,1,9e307k\nd@b.c,\(digits),1,1\ne@b.c,1e307,1,1\n")
        #expect(run.quarantined.map(\.spot) == ["2:7", "3:9", "4:11", "5:7"])
        #expect(run.quarantined.map(\.field) == ["employees", "annual_revenue", "score", "employees"])
        #expect(run.leads.map(\.lead.email) == ["e@b.c"])
        for lead in run.leads { #expect(Normalizer.normalize(lead.lead).employees?.isFinite == true) }
        #expect(!NumberShape.isCommonShape(digits))
        #expect(!NumberShape.isCommonShape("1." + digits))
        #expect(NumberShape.isCommonShape("999,999,999,999,999"))
    }

    @Test func nulCharactersAreQuarantinedFromCSVAndJSONLines() throws {
        let csv = try Sample.importLeads(Sample.bytes("email,company\na@b.c,N") + [0] + Sample.bytes("L Ltd\nb@b.c,Fine\n"))
        #expect(csv.leads.map(\.lead.email) == ["b@b.c"])
        #expect(csv.quarantined.map(\.spot) == ["2:7"])
        #expect(csv.quarantined.first?.reason == .nulCharacter(column: "company"))
        #expect(csv.quarantined.first?.raw == Sample.bytes("a@b.c,N") + [0] + Sample.bytes("L Ltd"))
        let json = try Sample.importLeads(#"{"email": "a@b.c", "company": "N\u0000L"}"# + "\n", name: "leads.jsonl", format: .jsonLines)
        #expect(json.leads.isEmpty)
        #expect(json.quarantined.first?.reason == .nulCharacter(column: "company"))
    }

    @Test func aConflictingRepeatOfAnIdIsQuarantinedNamingBothLines() throws {
        let run = try Sample.importLeads("""
            external_id,email,company
            e7,g@y.com,One
            e8,h@y.com,Other
            e7,g@y.com,Two
            e7,g@y.com,One

            """)
        // The identical repeat is accepted with the same key, so the store counts it as already present.
        #expect(run.leads.map(\.line) == [2, 3, 5])
        #expect(run.leads.map(\.key.value) == ["id:e7", "id:e8", "id:e7"])
        #expect(run.quarantined.map(\.spot) == ["4:1"])
        #expect(run.quarantined.first?.reason == .conflictingRepeat(externalId: "e7", firstLine: 2))
        #expect(run.quarantined.first?.description == "leads.csv:4:1: external id 'e7' was already given on line 2 with different values, "
            + "and that record was kept; merge the two lines into one (or give this one its own id) and import it again")
        #expect(run.quarantined.first?.rawText == "e7,g@y.com,Two")
        let json = try Sample.importLeads(#"{"external_id": "x", "email": "a@b.c"}"# + "\n" + #"{"external_id": "x", "email": "z@b.c"}"# + "\n",
                                          name: "leads.jsonl", format: .jsonLines)
        #expect(json.quarantined.first?.reason == .conflictingRepeat(externalId: "x", firstLine: 1))
    }

    @Test func messagesQuoteAShortExcerptOfAHugeValue() throws {
        let huge = String(repeating: "x", count: 500_000)
        let run = try Sample.importLeads("email,employees,received_at\na@b.c,\(huge),\nb@b.c,1,\(huge)\n")
        #expect(run.quarantined.count == 2)
        for record in run.quarantined {
            #expect(record.message.count < 300, "\(record.message.prefix(300))")
            #expect(record.message.contains("… (499940 more bytes)"))
            #expect(record.raw.count > 500_000)
        }
        #expect(QuarantineReason.excerpt("short") == "short")
    }

    @Test(arguments: [
        "2026-02-30", "2026-02-29", "2026-04-31", "1500-01-01", "0001-01-01", "1899-12-31 10:00",
        "2026-11-24T14:03:00+15:00", "2026-11-24T14:03:00+14:30", "2026-11-24T14:03:00-13:00", "2026-11-24T14:03:00+01:60",
        "2026-11-24T24:00:00Z", "2026-11-24T14:60:00Z", "2026-11-24T14:03:60Z", "13/01/2026", "02/30/2026",
    ])
    func impossibleDatesAreRefused(_ text: String) {
        #expect(DateText().date(from: text) == nil, "\(text)")
    }

    /// A wall-clock time the zone skips names no instant; it is refused rather than moved an hour on.
    @Test func wallClockTimesInADaylightGapAreRefused() throws {
        let berlin = DateText(zone: try #require(ZoneClock(identifier: "Europe/Berlin")))
        #expect(berlin.date(from: "2026-03-29 02:30") == nil)
        #expect(berlin.date(from: "2026-03-29 03:30") == Sample.utc(2026, 3, 29, 1, 30))
        #expect(berlin.date(from: "2026-03-29 01:30") == Sample.utc(2026, 3, 29, 0, 30))
    }

    @Test func datesAtTheEndsOfTheRangeRoundTrip() {
        #expect(DateText().date(from: "9999-12-31T23:59:59Z") == Sample.utc(9999, 12, 31, 23, 59, 59))
        #expect(DateText().date(from: "1900-01-01") == Sample.utc(1900, 1, 1))
        #expect(DateText().date(from: "2026-11-24T14:03:00+14:00") == Sample.utc(2026, 11, 24, 0, 3))
        #expect(DateText().date(from: "2026-11-24T14:03:00-12:00") == Sample.utc(2026, 11, 25, 2, 3))
    }

    @Test func mappingFileAliasesAreExpandedWithinABudget() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "columns:\n  Email: email\n"
        let load = ColumnMapping.load(yaml: yaml, file: "map.yaml")
        #expect(load.mapping == nil)
        #expect(load.diagnostics.map(\.message).contains { $0.contains("more than 200,000 values once its aliases") }, "\(load.diagnostics)")
    }
}
