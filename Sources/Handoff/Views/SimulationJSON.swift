import Foundation
import HandoffCore
import HandoffStore

/// `simulate --json`: the report as one document (keys in docs/CLI.md).
struct SimulationJSON: Encodable {
    struct RulebookRef: Encodable {
        var file: String
        var name: String
        var version: String
    }

    struct Warning: Encodable {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    struct Selection: Encodable {
        var since: String?
        var from: Date?
        var to: Date
        var state: String?
        var owner: String?
        var reason: String?
        var search: String?
    }

    struct Outcome: Encodable {
        var assigned: Bool
        var route: String?
        var owner: String?
        var reason: String?
        init(_ o: SimulatedOutcome) {
            assigned = o.isAssigned
            route = o.route
            owner = o.owner
            reason = o.reason?.code
        }
    }

    struct Change: Encodable {
        var lead: String
        var receivedAt: Date
        var company: String?
        var before: Outcome
        var after: Outcome
        var why: String
    }

    struct BeforeAfter: Encodable {
        var before: Int
        var after: Int
    }

    struct OwnerLoad: Encodable {
        var owner: String
        var before: Int?
        var after: Int?
        var delta: Int
    }

    struct ReasonCount: Encodable {
        var reason: String
        var before: Int
        var after: Int
        var delta: Int
    }

    struct Fairness: Encodable {
        var pool: String
        var method: String
        var members: Int
        var leadsBefore: Int
        var leadsAfter: Int
        var giniBefore: Double?
        var giniAfter: Double?
    }

    struct Gap: Encodable {
        var pool: String
        var hours: String?
        var noActiveMember: Bool
    }

    struct Coverage: Encodable {
        var idleOwners: [String]
        var uncovered: [Gap]
    }

    var draft: RulebookRef
    var draftWarnings: [Warning]
    var current: RulebookRef
    var selection: Selection
    var leads: Int
    var firstReceived: Date?
    var lastReceived: Date?
    var changed: Int
    var changes: [Change]
    var assigned: BeforeAfter
    var flagged: BeforeAfter
    var owners: [OwnerLoad]
    var exceptions: [ReasonCount]
    var newReasons: [String]
    var vanishedReasons: [String]
    var fairness: [Fairness]
    var coverage: Coverage

    init(_ r: SimulationReport, _ c: SimulationView.Context) {
        draft = RulebookRef(file: c.draftFile, name: r.after.name, version: r.after.version)
        draftWarnings = c.warnings.map { Warning(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }
        current = RulebookRef(file: c.currentFile, name: r.before.name, version: r.before.version)
        let f = c.selection.filter
        selection = Selection(
            since: c.since, from: c.selection.from, to: c.selection.to,
            state: f?.state?.rawValue, owner: f?.owner, reason: f?.reason?.code, search: f?.search
        )
        leads = r.leads
        firstReceived = r.first
        lastReceived = r.last
        changed = r.changed
        changes = r.changes.map {
            Change(lead: $0.leadId, receivedAt: $0.receivedAt, company: $0.company, before: Outcome($0.before), after: Outcome($0.after), why: $0.why)
        }
        assigned = BeforeAfter(before: r.before.assigned, after: r.after.assigned)
        flagged = BeforeAfter(before: r.before.flagged, after: r.after.flagged)
        owners = r.owners.map { OwnerLoad(owner: $0.owner, before: $0.before, after: $0.after, delta: $0.delta) }
        exceptions = r.reasons.map { ReasonCount(reason: $0.reason.code, before: $0.before, after: $0.after, delta: $0.after - $0.before) }
        newReasons = r.newReasons.map(\.code)
        vanishedReasons = r.vanishedReasons.map(\.code)
        fairness = r.pools.map {
            Fairness(pool: $0.pool, method: $0.method.rawValue, members: $0.members, leadsBefore: $0.leadsBefore, leadsAfter: $0.leadsAfter,
                     giniBefore: $0.before.map(Self.rounded), giniAfter: $0.after.map(Self.rounded))
        }
        coverage = Coverage(
            idleOwners: r.idleOwners,
            uncovered: r.uncovered.map { Gap(pool: $0.pool, hours: $0.noActiveMember ? nil : $0.hours, noActiveMember: $0.noActiveMember) }
        )
    }

    /// Four decimals: enough to compare drafts, and stable across platforms' float printing.
    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
