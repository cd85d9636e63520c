import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// Recorded rulebooks, absences and pauses on PostgreSQL against the same calls on SQLite.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct OperatorSettingsTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!

    @Test func rulebooksAreKeptOncePerVersionWithTheirDecisions() async throws {
        try await EngineTwins.run { twins in
            let first = EngineTwins.rulebook
            let second = { var r = first; r.version = "zz-later"; r.name = "Later rules"; return r }()
            let early = { var r = first; r.version = "aa-same-moment"; return r }()
            let (a, b) = try await twins.both { store -> ([StoredRulebook], [StoredRulebook], String?, String?, String?) in
                try store.record(rulebook: first, source: "first text", author: "olga", at: Self.monday)
                // Recorded again under the same version: the first text stays.
                try store.record(rulebook: first, source: "other text", author: "lena", at: Self.monday.addingTimeInterval(60))
                try store.record(rulebook: second, source: "second text", author: "lena", at: Self.monday.addingTimeInterval(120))
                try store.record(rulebook: early, source: "early text", author: "lena", at: Self.monday.addingTimeInterval(120))
                return (try store.rulebooks(), try store.rulebooks(countingDecisions: false), try store.rulebookSource(first.version),
                        try store.rulebookSource(second.version), try store.rulebookSource("no-such-version"))
            }
            #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3 && a.4 == b.4)
            // Oldest first, two loaded at the same moment by version; the first text of a version stays.
            #expect(b.0.map(\.version) == [first.version, early.version, second.version])
            #expect(b.0.map(\.decisions) == [32, 0, 0] && b.1.allSatisfy { $0.decisions == 0 })
            #expect(b.2 == "first text" && b.3 == "second text" && b.4 == nil)
        }
    }

    @Test func absencesRoundTripWithWithdrawalsAndAsOf() async throws {
        try await EngineTwins.run { twins in
            let lena = OwnerAbsence(owner: "lena", from: "2026-12-20", until: "2026-12-31")
            let lenaAgain = OwnerAbsence(owner: "lena", from: "2027-01-05", until: "2027-01-06")
            let tomas = OwnerAbsence(owner: "tomas", from: "2026-12-24", until: "2026-12-26")
            let t = Self.monday
            let (a, b) = try await twins.both { store -> [[OwnerAbsence]] in
                try store.setAbsence(lena, by: "olga", at: t)
                try store.setAbsence(tomas, by: "olga", at: t.addingTimeInterval(10))
                try store.setAbsence(lena, by: "olga", at: t.addingTimeInterval(20))
                try store.setAbsence(lenaAgain, by: "olga", at: t.addingTimeInterval(30))
                let all = try store.absences()
                // The newest of the two same windows goes; the older one stays in force.
                #expect(try store.withdrawAbsence(lena, by: "olga", at: t.addingTimeInterval(40)))
                #expect(try !store.withdrawAbsence(OwnerAbsence(owner: "nobody", from: "2026-12-20", until: "2026-12-31"), by: "olga", at: t.addingTimeInterval(41)))
                let afterOne = try store.absences()
                let withdrawn = try store.withdrawAbsences(owner: "lena", by: "olga", at: t.addingTimeInterval(50))
                return [all, afterOne, withdrawn, try store.absences(),
                        try store.absences(asOf: t.addingTimeInterval(-1)), try store.absences(asOf: t.addingTimeInterval(10)),
                        try store.absences(asOf: t.addingTimeInterval(40)), try store.absences(asOf: t.addingTimeInterval(45)),
                        try store.absences(asOf: t.addingTimeInterval(50))]
            }
            #expect(a == b)
            #expect(b[0] == [lena, tomas, lena, lenaAgain])
            #expect(b[1] == [lena, tomas, lenaAgain])
            #expect(b[2] == [lena, lenaAgain] && b[3] == [tomas])
            #expect(b[4].isEmpty && b[5] == [lena, tomas] && b[6] == [lena, tomas, lenaAgain] && b[8] == [tomas])
        }
    }

    @Test func pausesRoundTripWithTheirHistory() async throws {
        try await EngineTwins.run { twins in
            let t = Self.monday
            let (a, b) = try await twins.both { store -> ([String: OwnerPause], [String: OwnerPause], [OwnerPauseChange], [OwnerPauseChange], [OwnerPauseChange]) in
                let none = try store.pauses()
                try store.setPause(owner: "lena", OwnerPause(reason: "lunch", by: "olga", since: t), by: "olga", at: t, reason: "lunch")
                try store.setPause(owner: "tomas", OwnerPause(reason: "", by: "olga", since: t), by: "olga", at: t.addingTimeInterval(5), reason: "")
                try store.setPause(owner: "lena", nil, by: "lena", at: t.addingTimeInterval(3_600), reason: "back")
                try store.setPause(owner: "ana", OwnerPause(reason: "training", by: "olga", since: t), by: "olga", at: t.addingTimeInterval(7_200), reason: "training")
                return (none, try store.pauses(), try store.pauseHistory(owner: nil), try store.pauseHistory(owner: "lena"), try store.pauseHistory(owner: "nobody"))
            }
            #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3 && a.4 == b.4)
            #expect(b.0.isEmpty)
            #expect(b.1 == ["tomas": OwnerPause(reason: "", by: "olga", since: t.addingTimeInterval(5)),
                            "ana": OwnerPause(reason: "training", by: "olga", since: t.addingTimeInterval(7_200))])
            #expect(b.2.map(\.owner) == ["lena", "tomas", "lena", "ana"] && b.3.map(\.paused) == [true, false] && b.4.isEmpty)
            #expect(b.3.last == OwnerPauseChange(owner: "lena", paused: false, reason: "back", by: "lena", at: t.addingTimeInterval(3_600)))
        }
    }
}
