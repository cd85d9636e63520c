import Foundation
import GRDB
import HandoffCore
import HandoffStore

extension SQLiteStore {
    /// Checks SQLite's pages, then replays the log and compares it with the projections: every lead's
    /// state and version, every owner's open load, the pools' ledgers. Reads only; it reports, it does not
    /// repair. Damage found is noted, so writes stop; a note of damage met earlier is removed when the
    /// pages are whole again (a backup restored over the file, say).
    public func doctor() throws -> DoctorReport {
        let earlier = StoreDamage.known(at: path)
        var damage = try pageDamage()
        var report: DoctorReport
        do {
            report = try database.read(Self.replayAgainstProjections)
        } catch let error as DatabaseError where StoreDamage.isDamage(error) {
            damage.append("the log and the leads cannot be read to the end: \(error.message ?? "\(error)")")
            report = DoctorReport(leads: 0, events: 0, problems: [])
        }
        if damage.isEmpty {
            // The hash chain: an entry changed, removed or inserted behind Handoff's back.
            let audit = try auditLog()
            report.log = audit
            if let problem = audit.problem { report.problems.append("the log's hash chain: \(problem); `handoff audit verify` says more") }
            if earlier != nil { StoreDamage.clear(at: path) }
            report.clearedDamage = earlier
        } else {
            StoreDamage.note("\(damage[0]) (found by `handoff doctor`)", at: path)
            report.damage = damage
        }
        return report
    }

    /// What SQLite's own check finds wrong with the file's pages (at most 10 findings), or nothing.
    func pageDamage() throws -> [String] {
        do {
            let rows = try database.read { try String.fetchAll($0, sql: "PRAGMA integrity_check(10)") }
            return rows == ["ok"] ? [] : rows.filter { !$0.hasPrefix("*** ") }
        } catch let error as DatabaseError where StoreDamage.isDamage(error) {
            return [error.message ?? "\(error)"]
        }
    }

    /// The log against the projections (`ProjectionCheck`, the same on every engine).
    static func replayAgainstProjections(_ db: Database) throws -> DoctorReport {
        var check = ProjectionCheck()
        let events = try Row.fetchCursor(db, sql: "SELECT \(LeadId.sql("lead")), kind, lead_version, to_state FROM events ORDER BY lead, seq")
        while let row = try events.next() { check.entry(lead: row[0], kind: row[1], version: row[2], to: row[3]) }
        let versions = try RulebookNumbers.versions(db)
        let leads = try Row.fetchCursor(db, sql: "SELECT \(LeadId.sql("seq")), state, version, rulebook_n, decision FROM leads")
        // Read from the file afresh: the check is of what is stored.
        let words = StoredWordLists()
        while let row = try leads.next() {
            let id: String = row[0]
            check.lead(id: id, state: row[1], version: row[2],
                       decisionProblem: StoredDecision.problem(row[4], leadId: id, rulebook: (row[3] as Int64?).flatMap { versions[$0] }, words: { words.words($0, db) }))
        }
        check.endOfLeads()

        let expected = try Row.fetchAll(db, sql: "SELECT owner, count(*) AS n FROM leads WHERE state = 'assigned' AND owner IS NOT NULL GROUP BY owner")
        check.openLoad(assigned: Dictionary(uniqueKeysWithValues: expected.map { ($0["owner"] as String, $0["n"] as Int) }),
                       stored: try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load").map { ($0["owner"], $0["open"]) })
        let handed = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT owner, count(*) FROM events
            WHERE (kind = 'assigned' OR kind = 'approved' OR kind = 'rerouted' OR (kind IN ('routed', 'decided') AND to_state = 'assigned')) AND owner IS NOT NULL
            GROUP BY owner
            """).map { ($0[0] as String, $0[1] as Int) })
        check.ledgers(
            handed: handed,
            counted: try Row.fetchAll(db, sql: "SELECT owner, sum(assigned) FROM pool_ledger GROUP BY owner ORDER BY owner").map { ($0[0], $0[1]) },
            negative: try Row.fetchAll(db, sql: "SELECT pool, owner, assigned, excused FROM pool_ledger WHERE assigned < 0 OR excused < 0 ORDER BY pool, owner")
                .map { ($0[0], $0[1], $0[2], $0[3]) },
            turnsWithoutLine: try Row.fetchAll(db, sql: """
                SELECT t.pool, t.last_owner FROM pool_turn t
                WHERE NOT EXISTS (SELECT 1 FROM pool_ledger l WHERE l.pool = t.pool AND l.owner = t.last_owner) ORDER BY t.pool
                """).map { ($0[0], $0[1]) })
        return check.report
    }
}
