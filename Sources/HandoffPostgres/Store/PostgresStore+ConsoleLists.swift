import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// The console's lists on PostgreSQL, a page at a time, as the SQLite engine reads them
/// (SQLiteStore+ConsoleLists.swift): each page in its list's order from an offset (or around an anchor
/// lead), with the list's count. The planner picks the index itself: the conditions are written so the
/// partial indexes' own conditions (`state = 'flagged'`) appear as literals and apply.
extension PostgresStore {
    static let summaryColumns = """
        seq, id, received_at, company, first_name, last_name, email, COALESCE(country_code, country), employees, route, owner,
        state, reason, version, updated_at
        """

    /// Text compared as SQLite's NOCASE does: ASCII letters folded (`lower` under the "C" collation folds
    /// only those), then byte by byte, whatever the database's own collation.
    static func nocase(_ sql: String) -> String { "lower(\(sql) COLLATE \"C\")" }

    /// Head counts as received, read as SQLite's `CAST(... AS REAL)` reads them: the longest leading number
    /// ("1,500" is 1500, "80+" is 80), 0 when there is none. `numeric`, so no text can overflow the cast.
    static let headCount = """
        CASE WHEN employees IS NOT NULL THEN COALESCE(substring(replace(replace(employees, ',', ''), ' ', '') \
        FROM '^[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?')::numeric, 0) END
        """

    /// Lead fields a list may be sorted by, as SQL.
    static let leadSortFields: [String: String] = [
        "id": "seq",
        "received": "received_at",
        "company": nocase("company"),
        "country": nocase("COALESCE(country_code, country)"),
        "size": headCount,
        "route": nocase("route"),
        "owner": nocase("owner"),
        "state": "state COLLATE \"C\"",
        "reason": "reason COLLATE \"C\"",
        // A flagged lead's decide-by time runs from when it was flagged.
        "waiting": "updated_at",
    ]

    /// Log entry fields the activity list may be sorted by.
    static let eventSortFields: [String: String] = [
        "seq": "seq",
        "lead": "lead",
        "kind": "kind COLLATE \"C\"",
        "actor": nocase("actor"),
        "owner": nocase("owner"),
        "reason": nocase("COALESCE(reason, text)"),
    ]

    typealias Term = ListOrder.Term

    /// Rows ordered before the row whose term values are `values` (as read, bound back with their types).
    /// Terms all one way compare as one row value, which PostgreSQL reads as a range of the order's index;
    /// a sorted column (missing values, mixed directions) spells the comparison out term by term.
    static func before(_ terms: [Term], _ values: [PostgresCell], _ q: inout BoundSQL) -> String {
        if let first = terms.first, terms.allSatisfy({ $0.descending == first.descending }), !values.contains(where: { $0.bytes == nil }) {
            let left = "(" + terms.map(\.sql).joined(separator: ", ") + ")"
            let right = "(" + values.map { q.bind($0) }.joined(separator: ", ") + ")"
            return "\(left) \(first.descending ? ">" : "<") \(right)"
        }
        var alternatives: [String] = []
        for (i, term) in terms.enumerated() {
            var parts: [String] = []
            for j in 0..<i { parts.append("(\(terms[j].sql)) IS NOT DISTINCT FROM \(q.bind(values[j]))") }
            parts.append("(\(term.sql)) \(term.descending ? ">" : "<") \(q.bind(values[i]))")
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// The anchor row and those ordered after it: the complement of `before`, an index range too when the
    /// terms run one way; otherwise a comparison against a missing value counts as not before, as the
    /// count has it.
    static func notBefore(_ terms: [Term], _ values: [PostgresCell], _ q: inout BoundSQL) -> String {
        if let first = terms.first, terms.allSatisfy({ $0.descending == first.descending }), !values.contains(where: { $0.bytes == nil }) {
            let left = "(" + terms.map(\.sql).joined(separator: ", ") + ")"
            let right = "(" + values.map { q.bind($0) }.joined(separator: ", ") + ")"
            return "\(left) \(first.descending ? "<=" : ">=") \(right)"
        }
        return "NOT COALESCE(\(before(terms, values, &q)), false)"
    }

    // MARK: Leads

    /// One page of a lead list with the list's count (up to `countLimit`).
    @available(*, noasync, message: "blocks its thread")
    static func page(_ s: PostgresSession, _ query: LeadListQuery, countLimit: Int) throws -> ListPage<LeadSummary> {
        let limit = max(query.limit, 0)
        var total = try query.total ?? count(s, query, limit: countLimit)
        var capped = query.total == nil && total >= countLimit
        if capped, query.fromEnd {
            // The end of the list was asked for: count to it.
            total = try count(s, query, limit: Int.max)
            capped = false
        }
        let terms = ListOrder.leadTerms(query, fields: leadSortFields)
        var offset: Int
        if query.fromEnd {
            offset = max(total - limit, 0)
        } else if let anchor = query.anchor, let (position, values) = try position(s, query, terms: terms, of: anchor) {
            // Read outwards from the anchor along the order (no rows skipped): those before it, walking
            // back, then it and those after.
            let above = try summaries(s, query, terms: terms, reversed: true, offset: 0, limit: min(max(query.above, 0), limit)) {
                before(terms, values, &$0)
            }
            let below = try summaries(s, query, terms: terms, reversed: false, offset: 0, limit: limit - above.count) {
                notBefore(terms, values, &$0)
            }
            return ListPage(offset: position - above.count, rows: above.reversed() + below, total: max(total, position + below.count), capped: capped)
        } else {
            offset = max(query.offset, 0)
        }
        // A list that shrank under the window: show its end rather than nothing.
        if !capped, offset >= total { offset = max(total - limit, 0) }
        // Far down a list it is quicker to walk in from its end.
        let fromBack = !capped && offset > total / 2
        let rows = fromBack
            ? try summaries(s, query, terms: terms, reversed: true, offset: max(total - offset - limit, 0), limit: min(limit, total - offset)).reversed()
            : try summaries(s, query, terms: terms, reversed: false, offset: offset, limit: limit)
        return ListPage(offset: offset, rows: Array(rows), total: total, capped: capped)
    }

    /// How many leads of the list come before `leadId` in its order, and its values of the order's terms;
    /// nil when the lead is not listed.
    @available(*, noasync, message: "blocks its thread")
    static func position(_ s: PostgresSession, _ query: LeadListQuery, terms: [Term], of leadId: String) throws -> (Int, [PostgresCell])? {
        var find = BoundSQL()
        let clause = whereClause(query, &find)
        find.sql = "SELECT " + terms.map(\.sql).joined(separator: ", ") + " FROM leads "
            + (clause.isEmpty ? "WHERE " : clause + " AND ") + "id = \(find.bind(leadId))"
        guard let row = try s.rows(find.query).first else { return nil }
        let values = Array(row)
        if clause.isEmpty, query.sort == nil, query.order == .newest, let seq = try? row.decode(Int64.self) {
            // Leads are numbered without gaps and never deleted: the newer ones are the numbers above.
            let last = try s.value("SELECT COALESCE(max(seq), 0) FROM leads", as: Int64.self) ?? 0
            return (Int(last - seq), values)
        }
        var count = BoundSQL()
        let countClause = whereClause(query, &count)
        let condition = before(terms, values, &count)
        count.sql = "SELECT count(*) FROM leads " + (countClause.isEmpty ? "WHERE " : countClause + " AND ") + condition
        return (Int(try s.value(count.query, as: Int64.self) ?? 0), values)
    }

    @available(*, noasync, message: "blocks its thread")
    static func summaries(
        _ s: PostgresSession, _ query: LeadListQuery, terms: [Term], reversed: Bool, offset: Int, limit: Int,
        extra: ((inout BoundSQL) -> String)? = nil
    ) throws -> [LeadSummary] {
        guard limit > 0 else { return [] }
        let q = summariesQuery(query, terms: terms, reversed: reversed, offset: offset, limit: limit, extra: extra)
        typealias Row = (Int64, String, Double, String?, String?, String?, String?, String?, String?, String?, String?, String, String?, Int64, Double)
        return try s.rows(q.query, as: Row.self).map { row in
            LeadSummary(
                seq: row.0, id: row.1, receivedAt: Date(timeIntervalSince1970: row.2), company: row.3, firstName: row.4,
                lastName: row.5, email: row.6, country: row.7, employees: row.8, route: row.9, owner: row.10,
                state: LeadState(rawValue: row.11) ?? .received, reason: row.12.flatMap(ExceptionReason.init(rawValue:)),
                version: Int(row.13), updatedAt: Date(timeIntervalSince1970: row.14)
            )
        }
    }

    static func summariesQuery(
        _ query: LeadListQuery, terms: [Term], reversed: Bool, offset: Int, limit: Int, extra: ((inout BoundSQL) -> String)? = nil
    ) -> BoundSQL {
        var q = BoundSQL()
        var clause = whereClause(query, &q)
        if let extra {
            let condition = extra(&q)
            clause += (clause.isEmpty ? "WHERE " : " AND ") + condition
        }
        q.sql = "SELECT \(summaryColumns) FROM leads \(clause) \(ListOrder.orderBy(terms, reversed: reversed)) LIMIT \(limit) OFFSET \(offset)"
        return q
    }

    /// Leads matching `query`, counted up to `limit`.
    @available(*, noasync, message: "blocks its thread")
    static func count(_ s: PostgresSession, _ query: LeadListQuery, limit: Int) throws -> Int {
        var q = BoundSQL()
        let clause = whereClause(query, &q)
        q.sql = limit == Int.max
            ? "SELECT count(*) FROM leads \(clause)"
            : "SELECT count(*) FROM (SELECT 1 FROM leads \(clause) LIMIT \(max(limit, 0))) matching"
        return Int(try s.value(q.query, as: Int64.self) ?? 0)
    }

    /// The list's conditions as a WHERE clause (empty without any), its values bound in `q`.
    static func whereClause(_ query: LeadListQuery, _ q: inout BoundSQL) -> String {
        var clauses: [String] = []
        if query.order == .longestFlagged {
            // A literal, as `leads_flagged_by_wait`'s condition is, so the planner knows the index applies.
            clauses.append("state = 'flagged'")
        } else if let state = query.state {
            clauses.append("state = \(q.bind(state.rawValue))")
        }
        if let owner = query.owner { clauses.append("owner = \(q.bind(owner))") }
        if let reason = query.reason { clauses.append("reason = \(q.bind(reason.rawValue))") }
        if let country = query.country { clauses.append("country_code = \(q.bind(country.uppercased()))") }
        if let route = query.route { clauses.append("route = \(q.bind(route))") }
        if let text = query.text, !text.isEmpty {
            // Notes live in the log: the leads with a matching note are found once per read. SQLite's LIKE
            // ignores case; PostgreSQL's ILIKE does. The text typed is matched as written.
            let escape = LikePattern.clause
            let exact = q.bind(text), like = q.bind(LikePattern.containing(text))
            clauses.append("""
                (id = \(exact) OR email ILIKE \(like) \(escape) OR company ILIKE \(like) \(escape) OR last_name ILIKE \(like) \(escape) \
                OR external_id = \(exact) OR seq IN (SELECT lead FROM events WHERE kind = 'annotated' AND text ILIKE \(like) \(escape)))
                """)
        }
        return clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    }
}

/// A statement's text built piece by piece, each value bound as the next `$n` where it is used.
struct BoundSQL {
    var sql = ""
    var binds = PostgresBindings()

    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// A value as a row gave it, bound back with its own type (a missing one as a typed NULL).
    mutating func bind(_ cell: PostgresCell) -> String {
        binds.append(PostgresData(type: cell.dataType, formatCode: cell.format, value: cell.bytes))
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
