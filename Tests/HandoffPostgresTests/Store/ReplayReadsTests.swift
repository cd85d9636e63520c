import Foundation
import HandoffCore
import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// Replays read the same leads, in the same order, with the same closing times, on PostgreSQL as on SQLite.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct ReplayReadsTests {
    struct Replayed: Hashable {
        var lead: Lead
        var closed: Date?
    }

    @Test func replayExtentsAndLeadsAreTheSameOnBothEngines() async throws {
        let location = try await TestServer.freshDatabase()
        try await onThread {
            let twins = try TwinStores(location: location)
            defer { twins.close() }
            try twins.fillWithAMorning()
            let t = TwinStores.tuesday
            let owner = try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 1)).first!.owner!
            let selections = [
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400)),
                ReplaySelection(from: t.addingTimeInterval(-3_500), to: t.addingTimeInterval(40)),
                ReplaySelection(from: t.addingTimeInterval(86_400), to: t.addingTimeInterval(90_000)),
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400), filter: LeadFilter(state: .flagged)),
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400), filter: LeadFilter(owner: owner)),
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400), filter: LeadFilter(reason: .freeEmail)),
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400), filter: LeadFilter(search: "GMAIL")),
                ReplaySelection(from: nil, to: t.addingTimeInterval(86_400), filter: LeadFilter(search: "L-0000004")),
            ]
            for selection in selections {
                #expect(try twins.postgres.replayExtent(selection) == twins.sqlite.replayExtent(selection), "\(selection)")
                var p: [Replayed] = [], s: [Replayed] = []
                try twins.postgres.replayLeads(selection) { p.append(Replayed(lead: $0, closed: $1)) }
                try twins.sqlite.replayLeads(selection) { s.append(Replayed(lead: $0, closed: $1)) }
                #expect(p == s, "\(selection): \(p.map(\.lead.id)) vs \(s.map(\.lead.id))")
            }
            var all: [Replayed] = []
            try twins.postgres.replayLeads(selections[0]) { all.append(Replayed(lead: $0, closed: $1)) }
            // Oldest received first: the late import of old leads comes first.
            #expect(all.count == 108 && all.prefix(3).map(\.lead.id) == ["L-0000106", "L-0000107", "L-0000108"])
            #expect(all.map(\.lead.receivedAt) == all.map(\.lead.receivedAt).sorted() && all.contains { $0.closed != nil })

            for (from, before) in [(t.addingTimeInterval(-86_400), t.addingTimeInterval(86_400)), (t, t.addingTimeInterval(60)), (t, t)] {
                var p: [Lead] = [], s: [Lead] = []
                try twins.postgres.leads(receivedFrom: from, before: before) { p.append($0) }
                try twins.sqlite.leads(receivedFrom: from, before: before) { s.append($0) }
                #expect(p == s, "received from \(from) before \(before)")
            }
        }
        try await TestServer.drop(location)
    }
}
