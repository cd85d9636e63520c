import Foundation
import HandoffCore
@testable import HandoffPostgres
import HandoffSQLite
import HandoffStore
import Testing

/// Operators' commands on PostgreSQL against the same commands on SQLite, from the same workspace.
@Suite(.enabled(if: TestServer.runs, TestServer.skipReason))
struct LeadCommandsTests {
    static let at = EngineTwins.tuesday.addingTimeInterval(600)

    /// The same command on both engines, from the same lead at the same version: the same record, the same
    /// entries, the same open load, and both stores still agreeing with their logs.
    @Test func everyCommandStoresWhatSQLiteStores() async throws {
        try await EngineTwins.run { twins in
            let flaggedRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .flagged, limit: 50)) }
            let flagged = try #require(flaggedRead.first)
            let assigned = try await onThread { try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 3)) }
            let receivedRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .received, limit: 1)) }
            let received = try #require(receivedRead.first)
            #expect(assigned.count == 3)
            let steps: [(LeadCommand, String)] = [
                (.annotate("called, no answer"), flagged.lead.id),
                (.reassign(to: "lena", reason: "knows the account"), flagged.lead.id),
                (.accept, assigned[0].lead.id),
                (.disqualify(reason: "student"), assigned[1].lead.id),
                (.flag(reason: .manual, note: "check the deal", proposal: "tomas"), assigned[2].lead.id),
                (.approve, assigned[2].lead.id),
                (.annotate("waiting"), received.lead.id),
            ]
            for (i, (command, id)) in steps.enumerated() {
                let (a, b) = try await twins.both { store -> LeadRecord in
                    let version = try store.lead(id)!.version
                    return try store.apply(command, to: id, basedOn: version, actor: "olga", at: Self.at.addingTimeInterval(Double(i)), rulebookVersion: "r1")
                }
                #expect(a == b, "step \(i): \(command)")
                let (logA, logB) = try await twins.both { try $0.events(lead: id, after: 0, limit: 100) }
                #expect(logA == logB && !logA.isEmpty, "step \(i): \(command)")
            }
            let (all, allPG) = try await twins.both { try $0.events(lead: nil, after: 0, limit: 10_000) }
            #expect(all == allPG)
            let load = try await onThread { try twins.sqlite.ledger().openLoad }
            let loadPG = try await onThread {
                try twins.postgres.readOne { s in
                    try s.rows("SELECT owner, open FROM owner_load WHERE open <> 0", as: (String, Int64).self)
                }
            }
            #expect(load == Dictionary(uniqueKeysWithValues: loadPG.map { ($0.0, Int($0.1)) }))
            let (doctor, doctorPG) = try await twins.both { try $0.doctor() }
            #expect(doctor.healthy && doctorPG.healthy, "\(doctorPG.problems)")
            #expect(doctorPG.log?.intact == true && doctorPG.events == doctor.events && doctorPG.leads == doctor.leads)
        }
    }

    /// A command from an operator who looked at an older version is refused, naming what changed since:
    /// the newest entry, who made it and when, as SQLite names it.
    @Test func aStaleVersionIsRefusedNamingTheNewestEntry() async throws {
        try await EngineTwins.run { twins in
            let leadRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 1)) }
            let lead = try #require(leadRead.first)
            let (a, b) = try await twins.both { store -> String in
                _ = try store.apply(.annotate("first look"), to: lead.lead.id, basedOn: lead.version, actor: "olga", at: Self.at, rulebookVersion: nil)
                do {
                    _ = try store.apply(.accept, to: lead.lead.id, basedOn: lead.version, actor: "lena", at: Self.at, rulebookVersion: nil)
                    return "accepted"
                } catch let stale as StaleVersion {
                    #expect(stale.expected == lead.version && stale.current == lead.version + 1)
                    #expect(stale.latest?.kind == .annotated && stale.latest?.actor == "olga" && stale.latest?.at == Self.at)
                    #expect(stale.latest?.detail.text == "first look")
                    return "\(stale)|\(String(describing: stale.latest))"
                }
            }
            #expect(a == b)
            #expect(b.hasPrefix("\(lead.lead.id) changed since you looked at it (version \(lead.version), now \(lead.version + 1)): annotated by olga at"))
            // Nothing of the refused command was written.
            let record = try await onThread { try twins.postgres.lead(lead.lead.id) }
            #expect(record?.state == .assigned && record?.version == lead.version + 1)
        }
    }

    /// Stale against a lead whose newest entry is a `routed` one: the newest of the entries it stands for.
    @Test func aStaleVersionAfterARoutedEntryNamesItsDecision() async throws {
        try await EngineTwins.run { twins in
            // The leads taken in and routed at once are the first twelve.
            let id = LeadId.make(1)
            let (a, b) = try await twins.both { store -> StaleVersion? in
                do {
                    _ = try store.apply(.annotate("x"), to: id, basedOn: 1, actor: "olga", at: Self.at, rulebookVersion: nil)
                    return nil
                } catch let stale as StaleVersion { return stale }
            }
            #expect(a != nil && a == b)
            #expect(b?.latest?.actor == "router" && [.assigned, .flagged].contains(b?.latest?.kind))
        }
    }

    @Test func anUnknownLeadAndAnIllegalCommandAreRefusedInSQLitesWords() async throws {
        try await EngineTwins.run { twins in
            let receivedRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .received, limit: 1)) }
            let received = try #require(receivedRead.first)
            let (a, b) = try await twins.both { store -> [String] in
                var words: [String] = []
                for (command, id) in [(LeadCommand.accept, "L-9999999"), (.accept, received.lead.id), (.approve, received.lead.id), (.accept, "nonsense")] {
                    do {
                        _ = try store.apply(command, to: id, basedOn: nil, actor: "olga", at: Self.at, rulebookVersion: nil)
                        words.append("applied")
                    } catch {
                        words.append("\(error)")
                    }
                }
                return words
            }
            #expect(a == b)
            #expect(!b.contains("applied"))
        }
    }

    /// A batch with one stale command among several: the others are written, with their notices; the stale
    /// one leaves no entry and no notice, and the log stays chained.
    @Test func applyAllRefusesTheStaleOneAndKeepsTheOthers() async throws {
        try await EngineTwins.run { twins in
            let assigned = try await onThread { try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 3)) }
            #expect(assigned.count == 3)
            @Sendable func notice(_ i: Int) -> Notice {
                Notice(kind: "reminder", recipient: "owner-\(i)", email: "o\(i)@example.com", subject: "Lead \(i) waits", body: "Please look at lead \(i).")
            }
            let commands: [(command: LeadCommand, leadId: String, version: Int?)] = [
                (.remind(note: "no answer yet"), assigned[0].lead.id, assigned[0].version),
                (.breach(note: "SLA passed"), assigned[1].lead.id, assigned[1].version + 5),
                (.breach(note: "SLA passed"), assigned[2].lead.id, assigned[2].version),
            ]
            let (a, b) = try await twins.both { store -> [String] in
                let before = try store.counts().events
                let results = try store.applyAll(commands, actor: "sla", at: Self.at, rulebookVersion: nil, notices: [[notice(0)], [notice(1)], [notice(2), notice(3)]])
                #expect(try store.counts().events == before + 2)
                return results.map { result in
                    switch result {
                    case .success(let version): "ok \(version)"
                    case .failure(let error): "refused: \(error)"
                    }
                }
            }
            #expect(a == b)
            #expect(b[0] == "ok \(assigned[0].version + 1)" && b[2] == "ok \(assigned[2].version + 1)")
            #expect(b[1].hasPrefix("refused: \(assigned[1].lead.id) changed since you looked at it (version \(assigned[1].version + 5), now \(assigned[1].version))"))

            let (noticesA, noticesB) = try await twins.both { try $0.notices(pendingOnly: true, after: 0, limit: 100) }
            #expect(noticesA == noticesB)
            #expect(noticesB.map(\.notice) == [notice(0), notice(2), notice(3)])
            let newest = try await onThread { try twins.postgres.events(lead: assigned[2].lead.id, after: 0, limit: 100).last }
            #expect(noticesB.last?.event == newest?.seq && newest?.kind == .slaBreached)
            let untouched = try await onThread { try twins.postgres.lead(assigned[1].lead.id) }
            #expect(untouched?.version == assigned[1].version && untouched?.state == .assigned)
            let audit = try await onThread { try twins.postgres.auditLog(anchor: nil, progress: nil) }
            #expect(audit.intact, "\(audit.problem ?? "")")
        }
    }

    /// Delivery attempts: a failure counts and keeps the notice pending, a success takes it off the list.
    @Test func noticesAreDeliveredAsOnSQLite() async throws {
        try await EngineTwins.run { twins in
            let leadRead = try await onThread { try twins.sqlite.leads(LeadFilter(state: .assigned, limit: 1)) }
            let lead = try #require(leadRead.first)
            let notices = [Notice(kind: "reroute", recipient: "operators", email: nil, subject: "Rerouted", body: "to lena"),
                           Notice(kind: "breach", recipient: "lena", email: "lena@example.com", subject: "Breach", body: "late")]
            let (a, b) = try await twins.both { store -> [[StoredNotice]] in
                _ = try store.applyAll([(.remind(note: "ping"), lead.lead.id, nil)], actor: "sla", at: Self.at, rulebookVersion: nil, notices: [notices])
                let first = try store.notices(pendingOnly: true, after: 0, limit: 10)
                try store.recordDelivery(first[0].seq, at: Self.at.addingTimeInterval(5), error: "connection refused")
                try store.recordDelivery(first[1].seq, at: Self.at.addingTimeInterval(6), error: nil)
                return [first, try store.notices(pendingOnly: true, after: 0, limit: 10), try store.notices(pendingOnly: false, after: 0, limit: 10),
                        try store.notices(pendingOnly: false, after: first[0].seq, limit: 10), try store.notices(pendingOnly: false, after: 0, limit: 1)]
            }
            #expect(a == b)
            #expect(b[1].map(\.attempts) == [1] && b[1].first?.lastError == "connection refused")
            #expect(b[2].last?.deliveredAt == Self.at.addingTimeInterval(6) && b[2].last?.attempts == 1)
            #expect(b[3].count == 1 && b[4].count == 1)
        }
    }
}
