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

    static func replayAgainstProjections(_ db: Database) throws -> DoctorReport {
        var problems: [String] = []
        let actions = Dictionary(uniqueKeysWithValues: LeadAction.allCases.map { ($0.event, $0) })
        var replayed: [String: (state: LeadState, version: Int)] = [:]
        let events = try Row.fetchCursor(db, sql: "SELECT \(LeadId.sql("lead")), kind, lead_version, to_state FROM events ORDER BY lead, seq")
        var eventCount = 0
        while let row = try events.next() {
            eventCount += 1
            let id: String = row[0], kind: String = row[1], version: Int = row[2]
            if kind == RoutedEntry.kind {
                // Taken in and decided at once: replayed as the entries it stands for.
                eventCount += Int(RoutedEntry.span(kind: kind, leadVersion: Int64(version))) - 1
                if replayed[id] != nil { problems.append("\(id): received twice") }
                var state = LeadState.received
                let to = (row[3] as String?).flatMap(LeadState.init(rawValue:))
                let steps: [LeadAction] = version == 3 ? [.check, to == .assigned ? .assign : .flag] : [to == .assigned ? .assign : .flag]
                if version != 2 && version != 3 { problems.append("\(id): routed entry at version \(version), not 2 or 3") }
                do { for step in steps { state = try Lifecycle.next(state, step) } } catch { problems.append("\(id): \(error)") }
                if to != state { problems.append("\(id): routed entry says \(row[3] as String? ?? "no state"), but its steps end \(state.rawValue)") }
                replayed[id] = (state, version)
                continue
            }
            guard let kind = EventKind(rawValue: kind) else { problems.append("\(id): unknown event kind \(kind)"); continue }
            if kind == .received {
                if replayed[id] != nil { problems.append("\(id): received twice") }
                replayed[id] = (.received, version)
                continue
            }
            guard var current = replayed[id] else { problems.append("\(id): \(kind.rawValue) before received"); continue }
            guard kind.changesLead else {
                // A claim's entry keeps the lead's version.
                if version != current.version { problems.append("\(id): \(kind.rawValue) entry at version \(version), the lead at \(current.version)") }
                continue
            }
            if version != current.version + 1 { problems.append("\(id): event version \(version) after \(current.version)") }
            if let action = actions[kind] {
                do { current.state = try Lifecycle.next(current.state, action) } catch { problems.append("\(id): \(error)") }
            }
            current.version = version
            replayed[id] = current
        }
        let leads = try Row.fetchCursor(db, sql: "SELECT id, state, version, rulebook, decision FROM leads")
        var leadCount = 0
        while let row = try leads.next() {
            leadCount += 1
            let id: String = row[0], state: String = row[1], version: Int = row[2]
            // A decision that no longer reads would show a lead without its explanation.
            if let why = StoredDecision.problem(row[4], leadId: id, rulebook: row[3]) {
                problems.append("\(id): \(why); `handoff retry \(id)` decides it anew if it is still open")
            }
            guard let log = replayed.removeValue(forKey: id) else { problems.append("\(id): no events in the log"); continue }
            if log.state.rawValue != state { problems.append("\(id): state \(state), but the log says \(log.state.rawValue)") }
            if log.version != version { problems.append("\(id): version \(version), but the log has \(log.version) events") }
        }
        for id in replayed.keys.sorted() { problems.append("\(id): events for a lead that does not exist") }

        let expected = try Row.fetchAll(db, sql: "SELECT owner, count(*) AS n FROM leads WHERE state = 'assigned' AND owner IS NOT NULL GROUP BY owner")
        var open = Dictionary(uniqueKeysWithValues: expected.map { ($0["owner"] as String, $0["n"] as Int) })
        for row in try Row.fetchAll(db, sql: "SELECT owner, open FROM owner_load") {
            let owner: String = row["owner"], stored: Int = row["open"]
            let actual = open.removeValue(forKey: owner) ?? 0
            if stored != actual { problems.append("owner \(owner): open load \(stored), but \(actual) leads are assigned to them") }
        }
        for (owner, n) in open.sorted(by: { $0.key < $1.key }) { problems.append("owner \(owner): no open load recorded, but \(n) leads are assigned to them") }
        problems += try ledgerProblems(db)
        return DoctorReport(leads: leadCount, events: eventCount, problems: problems)
    }

    /// The pools' ledgers against the log. The log does not say through which pool a lead was handed
    /// over, so what is checked is what must hold whatever the pools: no owner is counted in ledgers more
    /// often than the log hands them leads (assigned, approved, rerouted), no count is negative, and each
    /// pool's last owner has a line in that pool's ledger.
    static func ledgerProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let handed = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT owner, count(*) FROM events
            WHERE (kind = 'assigned' OR kind = 'approved' OR kind = 'rerouted' OR (kind = 'routed' AND to_state = 'assigned')) AND owner IS NOT NULL
            GROUP BY owner
            """).map { ($0[0] as String, $0[1] as Int) })
        for row in try Row.fetchAll(db, sql: "SELECT owner, sum(assigned) FROM pool_ledger GROUP BY owner ORDER BY owner") {
            let owner: String = row[0], counted: Int = row[1]
            let logged = handed[owner] ?? 0
            if counted > logged { problems.append("owner \(owner): pool ledgers count \(counted) leads given, but the log hands them \(logged)") }
        }
        for row in try Row.fetchAll(db, sql: "SELECT pool, owner, assigned, excused FROM pool_ledger WHERE assigned < 0 OR excused < 0 ORDER BY pool, owner") {
            problems.append("pool \(row[0] as String), owner \(row[1] as String): negative ledger line (assigned \(row[2] as Int), forgiven \(row[3] as Int) thousandths)")
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT t.pool, t.last_owner FROM pool_turn t
            WHERE NOT EXISTS (SELECT 1 FROM pool_ledger l WHERE l.pool = t.pool AND l.owner = t.last_owner) ORDER BY t.pool
            """) {
            problems.append("pool \(row[0] as String): its turn says \(row[1] as String) was given the last lead, but the pool's ledger has no line for them")
        }
        return problems
    }
}
