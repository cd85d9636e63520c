import Foundation
import GRDB
import HandoffCore

extension SQLiteStore {
    /// Replays the log and compares it with the projections: every lead's state and version, and every
    /// owner's open load. Reads only; it reports, it does not repair.
    public func doctor() throws -> DoctorReport {
        try database.read { db in
            var problems: [String] = []
            let actions = Dictionary(uniqueKeysWithValues: LeadAction.allCases.map { ($0.event, $0) })
            var replayed: [String: (state: LeadState, version: Int)] = [:]
            let events = try Row.fetchCursor(db, sql: "SELECT \(LeadId.sql("lead")), kind, lead_version FROM events ORDER BY lead, seq")
            var eventCount = 0
            while let row = try events.next() {
                eventCount += 1
                let id: String = row[0], kind: String = row[1], version: Int = row[2]
                guard let kind = EventKind(rawValue: kind) else { problems.append("\(id): unknown event kind \(kind)"); continue }
                if kind == .received {
                    if replayed[id] != nil { problems.append("\(id): received twice") }
                    replayed[id] = (.received, version)
                    continue
                }
                guard var current = replayed[id] else { problems.append("\(id): \(kind.rawValue) before received"); continue }
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
            return DoctorReport(leads: leadCount, events: eventCount, problems: problems)
        }
    }
}
