import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// Reading a row's columns by name, each failure a `PostgresFailure` naming the column.
struct Columns {
    let row: PostgresRandomAccessRow
    let location: PostgresLocation

    init(_ row: PostgresRow, at location: PostgresLocation) {
        self.row = row.makeRandomAccess()
        self.location = location
    }

    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        do {
            return try row[name].decode(T.self)
        } catch {
            throw PostgresFailure(.decoding, "column \(name) of a row from PostgreSQL at \(location.endpoint) did not read as \(T.self): \(String(reflecting: error).prefix(200))")
        }
    }

    func text(_ name: String) throws -> String? { try value(name, as: String?.self) }
    func int(_ name: String) throws -> Int { Int(try value(name, as: Int64.self)) }
    func optionalInt(_ name: String) throws -> Int? { try value(name, as: Int64?.self).map(Int.init) }
    func double(_ name: String) throws -> Double { try value(name, as: Double.self) }
    func date(_ name: String) throws -> Date { Date(timeIntervalSince1970: try double(name)) }
    func bytes(_ name: String) throws -> [UInt8]? { try value(name, as: ByteBuffer?.self).map { Array($0.readableBytesView) } }
    func has(_ name: String) -> Bool { row.contains(name) }
}

/// A lead's raw fields as table columns, in the SQLite engine's order and names.
enum LeadColumns {
    static let names = [
        "id", "idem_key", "external_id", "received_at", "source", "email", "first_name", "last_name", "title",
        "company", "website", "phone", "country", "region", "postal_code", "timezone", "employees",
        "annual_revenue", "industry", "score", "attributes", "email_key", "country_code",
    ]
    static let select = names.joined(separator: ", ")

    static func lead(from c: Columns) throws -> Lead {
        var attributes: [String: String] = [:]
        if let raw = try c.text("attributes"), let decoded = try? JSONDecoder().decode([String: String].self, from: Data(raw.utf8)) {
            attributes = decoded
        }
        return Lead(
            id: try c.value("id"), externalId: try c.text("external_id"), source: try c.text("source"),
            receivedAt: try c.date("received_at"), email: try c.text("email"), firstName: try c.text("first_name"),
            lastName: try c.text("last_name"), title: try c.text("title"), company: try c.text("company"), website: try c.text("website"),
            phone: try c.text("phone"), country: try c.text("country"), region: try c.text("region"), postalCode: try c.text("postal_code"),
            timezone: try c.text("timezone"), employees: try c.text("employees"), annualRevenue: try c.text("annual_revenue"),
            industry: try c.text("industry"), score: try c.text("score"), attributes: attributes)
    }

    /// Appends a new lead's columns, in `names` order, to `binds`.
    static func bind(_ row: NewLeadRow, to binds: inout PostgresBindings) {
        let lead = row.lead
        binds.append(lead.id)
        binds.append(row.key)
        binds.append(lead.externalId)
        binds.append(lead.receivedAt.timeIntervalSince1970)
        binds.append(lead.source)
        binds.append(lead.email)
        binds.append(lead.firstName)
        binds.append(lead.lastName)
        binds.append(lead.title)
        binds.append(lead.company)
        binds.append(lead.website)
        binds.append(lead.phone)
        binds.append(lead.country)
        binds.append(lead.region)
        binds.append(lead.postalCode)
        binds.append(lead.timezone)
        binds.append(lead.employees)
        binds.append(lead.annualRevenue)
        binds.append(lead.industry)
        binds.append(lead.score)
        binds.append(row.attributes)
        // `email_key` is no longer written (searches read `email`, case-insensitively); older rows keep theirs.
        binds.append(nil as String?)
        binds.append(row.countryCode)
    }
}

extension PostgresStore {
    /// The columns `record(from:)` reads.
    static let recordColumns = "seq, state, owner, reason, route, pool, version, decision, rulebook, updated_at, " + LeadColumns.select

    /// `words` gives the store's words of a rulebook version (asked only for a format-2 decision).
    static func record(from c: Columns, words: (String) -> DecisionWords?) throws -> LeadRecord {
        let lead = try LeadColumns.lead(from: c)
        let decision = storedDecision(try c.bytes("decision"), leadId: lead.id, rulebook: try c.text("rulebook"), words: words)
        return LeadRecord(
            lead: lead, state: LeadState(rawValue: try c.value("state")) ?? .received, owner: try c.text("owner"),
            reason: try c.text("reason").flatMap(ExceptionReason.init(rawValue:)), route: try c.text("route"), pool: try c.text("pool"),
            version: try c.int("version"), decision: decision.decision, decisionProblem: decision.problem, updatedAt: try c.date("updated_at"))
    }

    /// The decision a row holds in `DecisionCode`'s binary form (without the lead id and rulebook version,
    /// which are the row's), or why it cannot be read.
    static func storedDecision(
        _ bytes: [UInt8]?, leadId: String, rulebook: String?, words: (String) -> DecisionWords?
    ) -> (decision: Decision?, problem: String?) {
        guard let bytes else { return (nil, nil) }
        guard let rulebook else { return (nil, "unreadable stored decision: a binary decision without the rulebook version it needs") }
        do {
            return (try DecisionCode.decode(bytes, leadId: leadId, rulebookVersion: rulebook, wordsOf: words), nil)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// Stored log entries with what expanding them needs (`events(from:)`); continue with WHERE on `e`.
    static let entrySelect = """
        SELECT e.seq, e.lead, e.kind, e.at, e.actor, e.lead_version, e.rulebook, e.reason, e.owner, e.previous_owner, e.text,
            e.from_state, e.to_state, CASE WHEN e.kind = 'routed' THEN (SELECT source FROM leads WHERE seq = e.lead) END AS lead_source
        FROM events e
        """

    /// The entries a stored one stands for (one, or a `routed` entry's two or three), from a row of `entrySelect`.
    static func events(from c: Columns) throws -> [LeadEvent] {
        let kind: String = try c.value("kind")
        let to = try c.text("to_state").flatMap(LeadState.init(rawValue:))
        let seq: Int64 = try c.value("seq")
        let lead = LeadId.make(try c.int("lead"))
        if RoutedEntry.isCombined(kind) {
            return RoutedEntry.expand(
                kind: kind, seq: seq, lead: lead, at: try c.date("at"), actor: try c.value("actor"), leadVersion: try c.int("lead_version"),
                rulebook: try c.text("rulebook"), reason: try c.text("reason"), owner: try c.text("owner"), text: try c.text("text"),
                to: to, source: try c.text("lead_source"))
        }
        return [LeadEvent(
            seq: seq, leadId: lead, kind: EventKind(rawValue: kind) ?? .annotated, at: try c.date("at"), actor: try c.value("actor"),
            leadVersion: try c.int("lead_version"), rulebookVersion: try c.text("rulebook"), reason: try c.text("reason"),
            detail: EventDetail(owner: try c.text("owner"), previousOwner: try c.text("previous_owner"), text: try c.text("text"),
                                from: try c.text("from_state").flatMap(LeadState.init(rawValue:)), to: to))]
    }
}

extension PostgresSession {
    /// Runs `query` and reads its rows by column name.
    @available(*, noasync, message: "blocks its thread")
    func columns(_ query: PostgresQuery) throws -> [Columns] {
        try rows(query).map { Columns($0, at: location) }
    }

    /// The first row of `query` by column name, or nil.
    @available(*, noasync, message: "blocks its thread")
    func firstColumns(_ query: PostgresQuery) throws -> Columns? {
        try rows(query).first.map { Columns($0, at: location) }
    }
}
