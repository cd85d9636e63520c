import Foundation
import HandoffCore
import HandoffStore
import PostgresNIO

/// Leads and their history as people and scripts read them (`leads`, `show`, `log`, `status`).
extension PostgresStore {
    public func lead(_ id: String) throws -> LeadRecord? {
        try readOne { s in
            try s.firstColumns("SELECT \(unescaped: Self.recordColumns) FROM leads WHERE id = \(id)").map { try Self.record(from: $0, words: { self.storedWords.words($0, s) }) }
        }
    }

    public func leads(_ filter: LeadFilter) throws -> [LeadRecord] {
        var binds = PostgresBindings()
        let clauses = Self.conditions(filter, binds: &binds)
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT \(Self.recordColumns) FROM leads \(whereClause) ORDER BY seq DESC LIMIT \(max(filter.limit, 0))"
        return try readOne { s in
            try s.columns(PostgresQuery(unsafeSQL: sql, binds: binds)).map { try Self.record(from: $0, words: { self.storedWords.words($0, s) }) }
        }
    }

    /// The SQL conditions a filter puts on the leads table, their values appended to `binds`. The search
    /// matches as SQLite's does: the id or external id exactly, the email key, company or last name
    /// containing the text in any case, its `%` and `_` taken as written (`LikePattern`).
    static func conditions(_ filter: LeadFilter, binds: inout PostgresBindings) -> [String] {
        var clauses: [String] = []
        func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let state = filter.state { clauses.append("state = \(bind(state.rawValue))") }
        if let owner = filter.owner { clauses.append("owner = \(bind(owner))") }
        if let reason = filter.reason { clauses.append("reason = \(bind(reason.rawValue))") }
        if let search = filter.search, !search.isEmpty {
            let escape = LikePattern.clause
            let text = bind(search), like = bind(LikePattern.containing(search))
            // ILIKE: SQLite's LIKE ignores case on its own.
            clauses.append("(id = \(text) OR email ILIKE \(like) \(escape) OR company ILIKE \(like) \(escape) OR last_name ILIKE \(like) \(escape) OR external_id = \(text))")
        }
        return clauses
    }

    public func events(lead: String?, after seq: Int64, limit: Int) throws -> [LeadEvent] {
        // A `routed` entry stands for entries numbered up to two before its own: read that far past
        // `seq`, expand, then keep what lies after it. Reading `limit` stored entries gives at least
        // `limit` expanded ones when there are that many.
        let count = max(limit, 0)
        let query: PostgresQuery = if let lead {
            "\(unescaped: Self.entrySelect) WHERE e.lead = \(LeadId.key(lead)) AND e.seq > \(seq) ORDER BY e.seq LIMIT \(count)"
        } else {
            "\(unescaped: Self.entrySelect) WHERE e.seq > \(seq) ORDER BY e.seq LIMIT \(count)"
        }
        return try readOne { s in
            Array(try s.columns(query).flatMap(Self.events(from:)).drop { $0.seq <= seq }.prefix(count))
        }
    }

    public func counts() throws -> StoreCounts {
        try read { s in
            var byState: [LeadState: Int] = [:]
            for (state, n) in try s.rows("SELECT state, count(*) FROM leads GROUP BY state", as: (String, Int64).self) {
                if let state = LeadState(rawValue: state) { byState[state] = Int(n) }
            }
            var byReason: [ExceptionReason: Int] = [:]
            for (reason, n) in try s.rows("SELECT reason, count(*) FROM leads WHERE state = 'flagged' GROUP BY reason", as: (String?, Int64).self) {
                if let reason = reason.flatMap(ExceptionReason.init(rawValue:)) { byReason[reason] = Int(n) }
            }
            let quarantined = try s.value("SELECT count(*) FROM quarantine", as: Int64.self) ?? 0
            // Numbered without gaps, a `routed` entry taking the numbers of the entries it stands for, so
            // the newest number is the count; read from the head every write records.
            let events = Int(try Self.recordedHead(s)?.seq ?? 0)
            return StoreCounts(byState: byState, flaggedByReason: byReason, quarantined: Int(quarantined), events: events)
        }
    }
}
