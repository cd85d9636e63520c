import Foundation
import HandoffCore
import HandoffDesk
import HandoffStore
import HandoffText

/// Everything `show --json` says about one lead.
struct LeadDetailJSON: Encodable {
    struct Fields: Encodable {
        struct Attribute: Encodable {
            var name: String
            var value: String
        }

        var externalId, source, email, firstName, lastName, title, company, website, phone: String?
        var country, region, postalCode, timezone, employees, annualRevenue, industry, score: String?
        var receivedAt: Date
        /// A list, not an object, so names from a source are never rewritten as JSON keys.
        var attributes: [Attribute]

        init(_ l: Lead) {
            externalId = l.externalId; source = l.source; email = l.email; firstName = l.firstName
            lastName = l.lastName; title = l.title; company = l.company; website = l.website; phone = l.phone
            country = l.country; region = l.region; postalCode = l.postalCode; timezone = l.timezone
            employees = l.employees; annualRevenue = l.annualRevenue; industry = l.industry; score = l.score
            receivedAt = l.receivedAt
            attributes = l.attributes.sorted { $0.key < $1.key }.map { Attribute(name: $0.key, value: $0.value) }
        }
    }

    struct Normalized: Encodable {
        struct Problem: Encodable {
            var field: String
            var value: String
            var message: String
        }

        var email, emailDomain, websiteDomain, company, country: String?
        var employees, annualRevenue, score: Double?
        var problems: [Problem]

        init(_ n: NormalizedLead) {
            email = n.email; emailDomain = n.emailDomain; websiteDomain = n.websiteDomain; company = n.company
            country = n.country; employees = n.employees; annualRevenue = n.annualRevenue; score = n.score
            problems = n.problems.map { Problem(field: $0.field, value: $0.value, message: $0.message) }
        }
    }

    struct DecisionJSON: Encodable {
        struct Exception: Encodable {
            var reason: String
            var detail: String
        }

        var decidedAt: Date
        var rulebookVersion: String
        var owner: String?
        var assigned: Bool
        var route: String?
        var pool: String?
        var exceptions: [Exception]
        var duplicateOf: String?
        var account: String?
        var summary: String
        var lines: [String]

        init(_ d: Decision) {
            decidedAt = d.decidedAt; rulebookVersion = d.rulebookVersion; owner = d.owner; assigned = d.isAssigned
            route = d.route; pool = d.pool; duplicateOf = d.duplicateOf; account = d.account
            exceptions = d.exceptions.map { Exception(reason: $0.reason.code, detail: $0.detail) }
            summary = DecisionText.summary(d)
            lines = DecisionText.lines(d)
        }
    }

    var id: String
    var state: String
    var owner: String?
    var ownerProposed: Bool
    var reason: String?
    var route: String?
    var pool: String?
    var version: Int
    var updatedAt: Date
    /// For an assigned lead under an SLA: when its owner must accept it (their working time).
    var acceptBy: Date?
    var fields: Fields
    var normalized: Normalized
    var decision: DecisionJSON?
    /// Why the stored decision cannot be read, when it is damaged (then `decision` is null).
    var decisionDamaged: String?
    var events: [EventJSON]

    init(_ r: LeadRecord, events: [LeadEvent], acceptBy: Date? = nil) {
        id = r.lead.id; state = r.state.rawValue; owner = r.owner; ownerProposed = LeadTable.isProposal(r)
        reason = r.reason?.code; route = r.route; pool = r.pool; version = r.version; updatedAt = r.updatedAt
        self.acceptBy = acceptBy
        fields = Fields(r.lead)
        normalized = Normalized(Normalizer.normalize(r.lead))
        decision = r.decision.map(DecisionJSON.init)
        decisionDamaged = r.decisionProblem
        self.events = events.map(EventJSON.init)
    }
}

/// `show` for people: where the lead stands, its fields, the decision in a paragraph, its history.
enum LeadDetailText {
    static let width = 100

    static func lines(_ r: LeadRecord, events: [LeadEvent], acceptBy: Date? = nil, now: Date = Date(), style: TextStyle) -> [String] {
        var out = ["\(r.lead.id)  \(style.paint(r.state.rawValue, r.state.colour))" + (r.reason.map { " (\($0.code): \($0.label))" } ?? "")]
        var facts: [[TextTable.Cell]] = []
        if let owner = r.owner {
            facts.append(["owner", .init(LeadTable.isProposal(r) ? "\(owner) (proposed; `handoff approve \(r.lead.id)` assigns)" : owner)])
        }
        if r.route != nil || r.pool != nil { facts.append(["route", .init([r.route, r.pool.map { "pool \($0)" }].compactMap { $0 }.joined(separator: ", "))]) }
        if let acceptBy {
            let late = acceptBy <= now
            facts.append(["accept by", .init(InstantText.format(acceptBy) + (late ? " (overdue)" : ""), late ? .red : nil)])
        }
        if r.state == .flagged, let claim = claim(events) {
            facts.append(["claimed", .init("by \(claim.actor) at \(InstantText.format(claim.at)) (others are asked first: `handoff unclaim`)")])
        }
        facts.append(["version", .init("\(r.version), updated \(InstantText.format(r.updatedAt))")])
        out += TextTable([.init(""), .init("")]).render(facts).dropFirst().map { "  " + $0 }

        out += ["", "Fields"]
        let fields = LeadFieldsText.rows(r.lead).map { row -> [TextTable.Cell] in
            [.init(row.field), .init(row.raw ?? "-"), .init(row.normalized.map { "read as \($0)" } ?? "", .dim)]
        }
        out += TextTable([.init(""), .init(""), .init("")]).render(fields, style: style).dropFirst().map { "  " + $0 }

        out += ["", "Decision"]
        if let decision = r.decision {
            out += wrapped(DecisionText.summary(decision), width: width - 2, indent: "  ")
            if r.state == .received { out.append("  (queued again since; the next `handoff route` decides anew)") }
        } else if let problem = r.decisionProblem {
            out += wrapped("damaged: the stored decision cannot be read (\(problem)). " + DecisionDamage.advice(r), width: width - 2, indent: "  ")
        } else {
            out.append("  not routed yet: queued since \(InstantText.format(r.lead.receivedAt)); `handoff route` routes it")
        }

        out += ["", "History"]
        out += EventText.table(events, showLead: false, style: style).map { "  " + $0 }
        return out
    }

    /// The claim in force as the history tells it: the last `claimed` entry, unless unclaimed since or the
    /// lead left the exceptions after it.
    static func claim(_ events: [LeadEvent]) -> (actor: String, at: Date)? {
        var claim: (actor: String, at: Date)?
        for e in events {
            switch e.kind {
            case .claimed: claim = (e.actor, e.at)
            case .unclaimed: claim = nil
            default: if e.detail.from == .flagged, e.detail.to != .flagged { claim = nil }
            }
        }
        return claim
    }
}
