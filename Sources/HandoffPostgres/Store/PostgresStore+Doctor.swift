import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

extension PostgresStore {
    /// Replays the log and compares it with the projections (`ProjectionCheck`, the same on every engine):
    /// every lead's state and version, every owner's open load, the pools' ledgers; then walks the log's
    /// hash chain. All of it in one snapshot, reading the log and the leads a page at a time. Reads only;
    /// it reports, it does not repair.
    ///
    /// SQLite's page check and its note of damage have no counterpart here: the server looks after its own
    /// pages and reports damage as the failure of the statement that meets it, so `damage` and
    /// `clearedDamage` stay empty.
    public func doctor() throws -> DoctorReport {
        try read { s in
            var check = ProjectionCheck()
            // The log lead by lead, each lead's entries in order, through events_by_lead.
            var after: (lead: Int64, seq: Int64) = (.min, .min)
            while true {
                let page = try s.rows("""
                    SELECT lead, seq, kind, lead_version, to_state FROM events
                    WHERE (lead, seq) > (\(after.lead), \(after.seq)) ORDER BY lead, seq LIMIT \(Self.doctorPage)
                    """, as: (Int64, Int64, String, Int64, String?).self)
                for (lead, seq, kind, version, to) in page {
                    check.entry(lead: LeadId.make(Int(lead)), kind: kind, version: Int(version), to: to)
                    after = (lead, seq)
                }
                if page.count < Self.doctorPage { break }
            }
            var afterLead = Int64.min
            // Read from the database afresh: the check is of what is stored.
            let words = StoredWordLists()
            while true {
                let page = try s.rows("""
                    SELECT seq, id, state, version, rulebook, decision FROM leads WHERE seq > \(afterLead) ORDER BY seq LIMIT \(Self.doctorPage)
                    """, as: (Int64, String, String, Int64, String?, ByteBuffer?).self)
                for (seq, id, state, version, rulebook, decision) in page {
                    let problem = Self.storedDecision(decision.map { Array($0.readableBytesView) }, leadId: id, rulebook: rulebook,
                                                      words: { words.words($0, s) }).problem
                    check.lead(id: id, state: state, version: Int(version), decisionProblem: problem)
                    afterLead = seq
                }
                if page.count < Self.doctorPage { break }
            }
            check.endOfLeads()

            let assigned = try s.rows("""
                SELECT owner, count(*) FROM leads WHERE state = 'assigned' AND owner IS NOT NULL GROUP BY owner
                """, as: (String, Int64).self)
            check.openLoad(assigned: Dictionary(uniqueKeysWithValues: assigned.map { ($0.0, Int($0.1)) }),
                           stored: try s.rows("SELECT owner, open FROM owner_load ORDER BY owner COLLATE \"C\"", as: (String, Int64).self)
                               .map { ($0.0, Int($0.1)) })
            let handed = try s.rows("""
                SELECT owner, count(*) FROM events
                WHERE (kind = 'assigned' OR kind = 'approved' OR kind = 'rerouted' OR (kind IN ('routed', 'decided') AND to_state = 'assigned')) AND owner IS NOT NULL
                GROUP BY owner
                """, as: (String, Int64).self)
            // Text ordered by its bytes, as SQLite orders it, so the problems come in the same order.
            check.ledgers(
                handed: Dictionary(uniqueKeysWithValues: handed.map { ($0.0, Int($0.1)) }),
                counted: try s.rows("""
                    SELECT owner, sum(assigned)::bigint FROM pool_ledger GROUP BY owner ORDER BY owner COLLATE "C"
                    """, as: (String, Int64).self).map { ($0.0, Int($0.1)) },
                negative: try s.rows("""
                    SELECT pool, owner, assigned, excused FROM pool_ledger WHERE assigned < 0 OR excused < 0
                    ORDER BY pool COLLATE "C", owner COLLATE "C"
                    """, as: (String, String, Int64, Int64).self).map { ($0.0, $0.1, Int($0.2), Int($0.3)) },
                turnsWithoutLine: try s.rows("""
                    SELECT t.pool, t.last_owner FROM pool_turn t
                    WHERE NOT EXISTS (SELECT 1 FROM pool_ledger l WHERE l.pool = t.pool AND l.owner = t.last_owner) ORDER BY t.pool COLLATE "C"
                    """, as: (String, String).self).map { ($0.0, $0.1) })
            var report = check.report
            // The hash chain: an entry changed, removed or inserted behind Handoff's back.
            let audit = try Self.audit(s, anchor: nil, progress: nil)
            report.log = audit
            if let problem = audit.problem { report.problems.append("the log's hash chain: \(problem); `handoff audit verify` says more") }
            return report
        }
    }

    /// Rows a page of the doctor's reads holds: enough to make the round trips few, few enough to keep
    /// memory flat over a million leads.
    static let doctorPage = 10_000
}
