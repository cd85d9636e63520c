import ArgumentParser
import Foundation
import HandoffCore
import HandoffDemo
import HandoffDesk
import HandoffStore

/// The demo's leads through a real database and desk: accounts upserted, leads inserted as they arrive
/// (their external ids are the idempotency keys, so a second run adds nothing), each minute's arrivals
/// routed at that minute, exactly as the in-memory router would decide them.
struct DemoDatabase {
    var store: any LeadStore
    var shown: String

    struct Outcome {
        /// Each generated lead as stored, with the decision the desk recorded for it.
        var records: [LeadRecord]
        var added: Int
        var routingTime: Duration
    }

    func feed(_ leads: [Lead], accounts: [Account], rulebook: Rulebook, rulebookText: String) throws -> Outcome {
        try refuseOtherDemos(leads)
        _ = try store.upsert(accounts: accounts)
        guard let first = leads.first else { return Outcome(records: [], added: 0, routingTime: .zero) }
        let clock = SettableClock(first.receivedAt)
        try store.record(rulebook: rulebook, source: rulebookText, author: "demo", at: first.receivedAt)
        let desk = try Desk(store: store, rulebook: rulebook, clock: { clock.now })
        var added = 0
        var routingTime = Duration.zero
        // Availability changes by the minute at most, so one batch a minute decides as lead by lead would.
        for minute in Self.byMinute(leads) {
            let arrived = minute.last!.receivedAt
            let inserted = try store.insert(minute.map { IncomingLead(lead: $0, idempotencyKey: $0.externalId ?? $0.id) }, quarantine: [], at: arrived, actor: "demo")
            added += inserted.accepted
            guard inserted.accepted > 0 else { continue }
            clock.set(arrived)
            routingTime += try desk.drain().elapsed
        }
        let stored = try byExternalId()
        return Outcome(records: leads.compactMap { $0.externalId.flatMap { stored[$0] } }, added: added, routingTime: routingTime)
    }

    /// Consecutive leads that arrived in the same minute.
    static func byMinute(_ leads: [Lead]) -> [[Lead]] {
        var groups: [[Lead]] = []
        var current: Int64?
        for lead in leads {
            let minute = Int64((lead.receivedAt.timeIntervalSince1970 / 60).rounded(.down))
            if minute == current { groups[groups.count - 1].append(lead) } else { groups.append([lead]); current = minute }
        }
        return groups
    }

    /// A database holding other leads under the same external ids (another --seed or --now) would mix two
    /// runs in one table; say so instead.
    private func refuseOtherDemos(_ leads: [Lead]) throws {
        let stored = try byExternalId()
        guard !stored.isEmpty else { return }
        for lead in leads {
            guard let key = lead.externalId, let record = stored[key] else { continue }
            // Times come back from the database as seconds in a Double, a hair off the original.
            if abs(record.lead.receivedAt.timeIntervalSince(lead.receivedAt)) > 0.001 || record.lead.email != lead.email {
                Console.error("handoff: \(shown) holds the leads of another demo run (another --seed or --now).")
                Console.error("Pass --db OTHER.db, or delete \(shown) to start over.")
                throw ExitCode.unreadable
            }
        }
    }

    private func byExternalId() throws -> [String: LeadRecord] {
        let records = try store.leads(LeadFilter(limit: .max))
        return Dictionary(records.compactMap { r in r.lead.externalId.map { ($0, r) } }, uniquingKeysWith: { first, _ in first })
    }
}
