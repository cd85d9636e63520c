import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// Leads, their history, counts and the doctor on PostgreSQL against SQLite, on the same workspace.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct LeadReadsTests {
    @Test func everyLeadAndEveryFilterReadsAsOnSQLite() async throws {
        try await EngineTwins.run { twins in
            let total = try await onThread { try twins.sqlite.leads(LeadFilter(limit: 1_000)).count }
            #expect(total == 36)
            let (a, b) = try await twins.both { store -> [[LeadRecord]] in
                var reads = try (1...total + 1).map { try store.lead(LeadId.make($0)).map { [$0] } ?? [] }
                reads.append(try store.lead("nonsense").map { [$0] } ?? [])
                reads.append(try store.leads(LeadFilter(limit: 1_000)))
                reads.append(try store.leads(LeadFilter(limit: 5)))
                reads.append(try store.leads(LeadFilter(limit: 0)))
                reads.append(try store.leads(LeadFilter(limit: -3)))
                for state in LeadState.allCases { reads.append(try store.leads(LeadFilter(state: state, limit: 100))) }
                for reason in ExceptionReason.allCases { reads.append(try store.leads(LeadFilter(reason: reason, limit: 100))) }
                let owners = Set(try store.leads(LeadFilter(state: .assigned, limit: 100)).compactMap(\.owner)).sorted()
                for owner in owners { reads.append(try store.leads(LeadFilter(state: .assigned, owner: owner, limit: 100))) }
                return reads
            }
            #expect(a == b)
            #expect(b[total].isEmpty && b[total + 2].count == total && b[total + 4].isEmpty && b[total + 5].isEmpty)
        }
    }

    /// The search ignores case and takes `%`, `_` and `\` as the characters they are.
    @Test func searchIgnoresCaseAndTakesWildcardsAsWritten() async throws {
        try await EngineTwins.run { twins in
            let searches = ["0%", "100% PURE", "a_b", "A_B tRADING", "x", "mcKENZIE", "ODD-example.COM", "tilde\\works", "L-0000003", "l-0000003",
                            "odd-2", "ODD-2", "%", "_", "", "nothing like it"]
            let (a, b) = try await twins.both { store -> [[String]] in
                try searches.map { text in try store.leads(LeadFilter(search: text, limit: 100)).map(\.lead.id) }
            }
            #expect(a == b)
            let odd = (33...36).map(LeadId.make)  // "100% Pure Ltd", "A_B Trading", "AxB Trading", "Tilde\Works"
            #expect(b[0] == [odd[0]] && b[1] == [odd[0]])
            #expect(b[2] == [odd[1]] && b[3] == [odd[1]])
            #expect(b[5] == [odd[0]] && b[6] == odd.reversed() && b[7] == [odd[3]])
            #expect(b[8] == ["L-0000003"] && b[9].isEmpty && b[10] == [odd[2]] && b[11].isEmpty)
            #expect(b[12] == [odd[0]] && b[13] == [odd[1]] && b[14].count == 36 && b[15].isEmpty)
        }
    }

    /// A lead taken in and routed at once is one stored `routed` entry, read as the entries it stands for.
    @Test func eventsExpandRoutedEntriesAsOnSQLite() async throws {
        try await EngineTwins.run { twins in
            let (a, b) = try await twins.both { store -> [[LeadEvent]] in
                var reads = try (1...36).map { try store.events(lead: LeadId.make($0), after: 0, limit: 100) }
                reads.append(try store.events(lead: "nonsense", after: 0, limit: 100))
                let total = Int64(try store.counts().events)
                for after in 0...total { reads.append(try store.events(lead: nil, after: after, limit: 4)) }
                reads.append(try store.events(lead: nil, after: 0, limit: 0))
                reads.append(try store.events(lead: nil, after: 0, limit: -1))
                reads.append(try store.events(lead: LeadId.make(1), after: 1, limit: 1))
                return reads
            }
            #expect(a == b)
            let first = b[0]
            #expect(first.map(\.seq) == Array(1...Int64(first.count)) && first.first?.kind == .received && first.first?.actor == "import")
            #expect([2, 3].contains(first.count) && first.dropFirst().allSatisfy { $0.actor == "router" })
            #expect(b[36].isEmpty && b.last?.map(\.seq) == [2])
        }
    }

    @Test func countsAreSQLites() async throws {
        try await EngineTwins.run { twins in
            let (a, b) = try await twins.both { try $0.counts() }
            #expect(a == b)
            #expect(b.byState.values.reduce(0, +) == 36 && b.byState[.received] == 4 && b.events > 36)
        }
    }

    @Test func doctorFindsAConsistentStoreHealthy() async throws {
        try await EngineTwins.run { twins in
            let (a, b) = try await twins.both { try $0.doctor() }
            let events = try await onThread { try twins.sqlite.counts().events }
            #expect(a == b)
            #expect(b.healthy && b.leads == 36 && b.events == events)
            #expect(b.log?.intact == true && b.damage.isEmpty)
        }
    }

    /// Projections made to disagree with the log on purpose: both engines name each disagreement alike.
    @Test func doctorNamesEachDisagreementAsSQLiteDoes() async throws {
        try await EngineTwins.run { twins in
            let assignedRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 1)) }
            let assigned = try #require(assignedRead.first)
            let owner = try #require(assigned.owner)
            try await onThread {
                // By number: SQLite makes the id from it.
                try twins.changeBoth("UPDATE leads SET state = 'accepted' WHERE seq = \(LeadId.key(assigned.lead.id))")
                try twins.changeBoth("UPDATE leads SET version = version + 3 WHERE seq = 34")
                try twins.changeBoth("UPDATE owner_load SET open = open + 2 WHERE owner = '\(owner)'")
                try twins.changeBoth("INSERT INTO pool_ledger (pool, owner, assigned, excused) VALUES ('zz-pool', 'ghost', -1, 0)")
                try twins.changeBoth("INSERT INTO pool_turn (pool, last_owner) VALUES ('nowhere', 'nobody')")
            }
            let (a, b) = try await twins.both { try $0.doctor() }
            #expect(a.problems.sorted() == b.problems.sorted() && a.leads == b.leads && a.events == b.events)
            #expect(!b.healthy)
            #expect(b.problems.contains("\(assigned.lead.id): state accepted, but the log says assigned"))
            #expect(b.problems.contains("L-0000034: version 4, but the log has 1 events"))
            #expect(b.problems.contains { $0.hasPrefix("owner \(owner): open load ") })
            #expect(b.problems.contains("pool zz-pool, owner ghost: negative ledger line (assigned -1, forgiven 0 thousandths)"))
            #expect(b.problems.contains("pool nowhere: its turn says nobody was given the last lead, but the pool's ledger has no line for them"))
        }
    }

    /// On PostgreSQL the log's entries name their lead without a foreign key (checking one cost a tenth of
    /// routing a lead): an entry whose lead is missing is doctor's to find.
    @Test func doctorFindsAnEntryWhoseLeadIsMissing() async throws {
        try await EngineTwins.run { twins in
            try await onThread {
                let session = try PostgresSession.open(twins.location)
                defer { session.close() }
                try session.execute(sql: """
                    INSERT INTO events (seq, lead, kind, at, actor, lead_version, hash)
                    SELECT max(seq) + 1, 999999, 'received', 1764000000.5, 'intake', 1, decode(repeat('07', 32), 'hex') FROM events
                    """)
            }
            let report = try await onThread { try twins.postgres.doctor() }
            #expect(!report.healthy)
            #expect(report.problems.contains("L-0999999: events for a lead that does not exist"))
        }
    }
}
