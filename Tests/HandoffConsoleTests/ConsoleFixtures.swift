import Foundation
import HandoffConsole
import HandoffCore
import HandoffDesk
import HandoffStore

/// A small, fixed console world: three incoming leads, two exceptions, three owners, a short log.
enum ConsoleFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_530_600) // 2026-11-24T14:30:00Z
    static func at(_ minutesAgo: Double) -> Date { now.addingTimeInterval(-minutesAgo * 60) }

    static let incoming: [LeadRow] = [
        LeadRow(id: "L-000005", receivedAt: at(1), company: "Zoë Analytics", country: "DE", employees: "4200", route: "enterprise-emea", owner: "ben", state: .assigned, version: 3, updatedAt: at(1), slaDue: at(-29)),
        LeadRow(id: "L-000004", receivedAt: at(2), company: "株式会社 Sakura", country: "JP", employees: "80", owner: "ana", state: .flagged, reason: .noRoute, version: 3, updatedAt: at(2), slaDue: at(-28)),
        LeadRow(id: "L-000003", receivedAt: at(3), company: "Acme GmbH", country: "DE", employees: "1500", route: "enterprise-emea", owner: "chloe", state: .flagged, reason: .duplicateSuspect, version: 3, updatedAt: at(3), slaDue: at(-27)),
        LeadRow(id: "L-000002", receivedAt: at(40), company: "Northwind", country: "US", employees: "50", route: "na-smb", owner: "dan", state: .accepted, version: 4, updatedAt: at(10)),
    ]

    static var exceptions: [LeadRow] { incoming.filter { $0.state == .flagged }.sorted { ($0.slaDue ?? now) < ($1.slaDue ?? now) } }

    static let owners: [OwnerRow] = [
        OwnerRow(id: "ana", name: "Ana Souza", zone: "America/Sao_Paulo", localTime: "Tue 11:30", open: 12, capacity: 40, availability: .available, assignedToday: 14, acceptMedian: 420, pools: ["emea-enterprise"]),
        OwnerRow(id: "ben", name: "Ben Okafor", zone: "Europe/Berlin", localTime: "Tue 15:30", open: 29, capacity: 30, availability: .available, assignedToday: 22, acceptMedian: 900, pools: ["emea-enterprise"]),
        OwnerRow(id: "chloe", name: "Chloé Martin", zone: "Europe/Berlin", localTime: "Tue 15:30", open: 0, capacity: 30, availability: .outOfOffice(until: "2027-01-04"), outOfOffice: ["2026-11-20..2027-01-04"], pools: ["emea-enterprise"]),
    ]

    static func event(_ seq: Int64, _ lead: String, _ kind: EventKind, _ actor: String = "router", owner: String? = nil, reason: String? = nil, minutesAgo: Double) -> LeadEvent {
        LeadEvent(seq: seq, leadId: lead, kind: kind, at: at(minutesAgo), actor: actor, leadVersion: 1, rulebookVersion: "3f2a9c1b0e12", reason: reason, detail: EventDetail(owner: owner))
    }

    static let activity: [LeadEvent] = [
        event(1, "L-000002", .assigned, owner: "dan", minutesAgo: 40),
        event(2, "L-000002", .accepted, "owner:dan", owner: "dan", minutesAgo: 10),
        event(3, "L-000003", .flagged, owner: "chloe", reason: "duplicate_suspect", minutesAgo: 3),
        event(4, "L-000004", .flagged, owner: "ana", reason: "no_route", minutesAgo: 2),
        event(5, "L-000005", .assigned, owner: "ben", minutesAgo: 1),
    ]

    static func snapshot(incoming: [LeadRow] = ConsoleFixtures.incoming, exceptions: [LeadRow]? = nil, events: Int = 5) -> DeskSnapshot {
        let exceptions = exceptions ?? incoming.filter { $0.state == .flagged }.sorted { ($0.slaDue ?? now) < ($1.slaDue ?? now) }
        return DeskSnapshot(
            takenAt: now, generation: 7, rulebookName: "Acme inbound", rulebookVersion: "3f2a9c1b0e12",
            incoming: incoming, exceptions: exceptions, exceptionsTotal: exceptions.count, owners: owners, activity: activity,
            counts: StoreCounts(byState: [.assigned: 1, .flagged: 2, .accepted: 1], flaggedByReason: [.noRoute: 1, .duplicateSuspect: 1], events: events),
            queueDepth: 0,
            minutes: (0..<15).map { MinuteCount(minute: at(Double(15 - $0)), received: [3, 5, 8, 2, 0, 4, 6, 9, 12, 7, 5, 3, 8, 10, 4][$0], assigned: [2, 4, 6, 2, 0, 3, 5, 7, 10, 6, 4, 3, 6, 8, 3][$0]) },
            slaBreaches: 1
        )
    }

    static func state(rows: Int = 24, columns: Int = 80, role: Role = .operator, readOnly: Bool = false) -> ConsoleState {
        let settings = ConsoleSettings(
            operatorName: "ana", role: role, readOnly: readOnly, workspace: "handoff-demo.db",
            ownerIds: owners.map(\.id), zone: .utc
        )
        var state = ConsoleState(settings: settings, rows: rows, columns: columns, now: now, deskNow: now)
        _ = Reducer.reduce(&state, .snapshot(snapshot()))
        _ = Reducer.reduce(&state, .core(.running))
        // The desk answers the console's first query with the same world.
        state.live(snapshot())
        return state
    }

    static func record(_ row: LeadRow, state: LeadState? = nil, owner: String? = nil, version: Int? = nil) -> LeadRecord {
        LeadRecord(
            lead: Lead(id: row.id, receivedAt: row.receivedAt, company: row.company, country: row.country, employees: row.employees),
            state: state ?? row.state, owner: owner ?? row.owner, reason: row.reason, route: row.route, pool: nil,
            version: version ?? row.version + 1, decision: nil, updatedAt: now
        )
    }
}

extension ConsoleState {
    /// Reduces a sequence of keys, returning every effect in order.
    @discardableResult
    mutating func press(_ keys: Key...) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for key in keys { effects += Reducer.reduce(&self, .key(key)) }
        // New pages are asked for after almost any key; `asked` holds the query for tests about paging.
        return effects.filter { if case .query = $0 { false } else { true } }
    }

    /// A live update: the desk's snapshot answering the query the console last asked.
    @discardableResult
    mutating func live(_ snapshot: DeskSnapshot) -> [ConsoleEffect] {
        var snapshot = snapshot
        if let asked { snapshot.query = asked }
        return Reducer.reduce(&self, .snapshot(snapshot))
    }

    @discardableResult
    mutating func type(_ text: String) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for character in text { effects += Reducer.reduce(&self, .key(.character(character))) }
        return effects
    }

    /// Types `line` on the command line (it starts with ':') and presses Enter.
    @discardableResult
    mutating func command(_ line: String) -> [ConsoleEffect] {
        type(line)
        return press(.enter)
    }
}
