import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The console's lists, a page at a time: each page is read in its list's order from an offset (or
/// around an anchor lead) and comes with the list's count, so a view can reach every row it counts
/// while holding only a few screenfuls.
extension SQLiteStore {
    static let summaryColumns = """
        seq, \(LeadId.sql("seq")), received_at, company, first_name, last_name, email, COALESCE(country_code, country), employees, route, owner,
        state, reason, version, updated_at
        """

    /// Past this many matches a filter's own index is no longer the quick way to a screenful (it must
    /// sort them all); walking the list's order and skipping non-matches is. About the square root of a
    /// screenful (500) times a million leads, where the two cost the same.
    static let selectiveMatches = 20_000

    /// Lead fields a list may be sorted by, as SQL. Text compares without case, as on screen.
    public static let leadSortFields: [String: String] = [
        "id": "seq",
        "received": "received_at",
        "company": "company COLLATE NOCASE",
        "country": "COALESCE(country_code, country) COLLATE NOCASE",
        // Head counts as received: "1,500" and "80" compare as numbers.
        "size": "CAST(REPLACE(REPLACE(employees, ',', ''), ' ', '') AS REAL)",
        "route": "route COLLATE NOCASE",
        "owner": "owner COLLATE NOCASE",
        "state": "state",
        "reason": "reason",
        // A flagged lead's decide-by time runs from when it was flagged.
        "waiting": "updated_at",
    ]

    /// Log entry fields the activity list may be sorted by.
    public static let eventSortFields: [String: String] = [
        "seq": "seq",
        "lead": "lead",
        "kind": "kind",
        "actor": "actor COLLATE NOCASE",
        "owner": "owner COLLATE NOCASE",
        "reason": "COALESCE(reason, text) COLLATE NOCASE",
    ]

    typealias Term = ListOrder.Term

    /// Rows ordered before the row whose term values are `values`. Terms all one way (the lists' own
    /// orders) compare as one row value, which SQLite reads as a range of the order's index; a sorted
    /// column (missing values, mixed directions) spells the comparison out term by term.
    static func before(_ terms: [Term], _ values: [DatabaseValue]) -> (String, [DatabaseValue]) {
        if let first = terms.first, terms.allSatisfy({ $0.descending == first.descending }), !values.contains(where: \.isNull) {
            let left = "(" + terms.map(\.sql).joined(separator: ", ") + ")"
            let right = "(" + terms.map { _ in "?" }.joined(separator: ", ") + ")"
            return ("\(left) \(first.descending ? ">" : "<") \(right)", values)
        }
        var alternatives: [String] = []
        var arguments: [DatabaseValue] = []
        for (i, term) in terms.enumerated() {
            var parts: [String] = []
            for j in 0..<i {
                parts.append("(\(terms[j].sql)) IS ?")
                arguments.append(values[j])
            }
            parts.append("(\(term.sql)) \(term.descending ? ">" : "<") ?")
            arguments.append(values[i])
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return ("(" + alternatives.joined(separator: " OR ") + ")", arguments)
    }

    /// The anchor row and those ordered after it: the complement of `before`, an index range too when
    /// the terms run one way; otherwise a comparison against a missing value counts as not before, as
    /// the count has it.
    static func notBefore(_ terms: [Term], _ values: [DatabaseValue]) -> (String, [DatabaseValue]) {
        if let first = terms.first, terms.allSatisfy({ $0.descending == first.descending }), !values.contains(where: \.isNull) {
            let left = "(" + terms.map(\.sql).joined(separator: ", ") + ")"
            let right = "(" + terms.map { _ in "?" }.joined(separator: ", ") + ")"
            return ("\(left) \(first.descending ? "<=" : ">=") \(right)", values)
        }
        let (condition, bound) = before(terms, values)
        return ("NOT COALESCE(\(condition), 0)", bound)
    }

    // MARK: Leads

    /// One page of a lead list with the list's count (up to `countLimit`).
    static func page(_ db: Database, _ query: LeadListQuery, countLimit: Int) throws -> ListPage<LeadSummary> {
        let limit = max(query.limit, 0)
        var total = try query.total ?? count(db, query, limit: countLimit)
        var capped = query.total == nil && total >= countLimit
        if capped, query.fromEnd {
            // The end of the list was asked for: count to it.
            total = try count(db, query, limit: Int.max)
            capped = false
        }
        let terms = ListOrder.leadTerms(query, fields: leadSortFields)
        var offset: Int
        if query.fromEnd {
            offset = max(total - limit, 0)
        } else if let anchor = query.anchor, let (position, values) = try position(db, query, terms: terms, of: anchor) {
            // Read outwards from the anchor along the order (no rows skipped): those before it, walking
            // back, then it and those after.
            let (condition, bound) = before(terms, values)
            let above = try summaries(db, query, terms: terms, reversed: true, offset: 0, limit: min(max(query.above, 0), limit), extra: (condition, bound))
            let (atOrAfter, again) = notBefore(terms, values)
            let below = try summaries(db, query, terms: terms, reversed: false, offset: 0, limit: limit - above.count, extra: (atOrAfter, again))
            return ListPage(offset: position - above.count, rows: above.reversed() + below, total: max(total, position + below.count), capped: capped)
        } else {
            offset = max(query.offset, 0)
        }
        // A list that shrank under the window: show its end rather than nothing.
        if !capped, offset >= total { offset = max(total - limit, 0) }
        // Far down a list it is quicker to walk in from its end.
        let fromBack = !capped && offset > total / 2
        let rows = fromBack
            ? try summaries(db, query, terms: terms, reversed: true, offset: max(total - offset - limit, 0), limit: min(limit, total - offset)).reversed()
            : try summaries(db, query, terms: terms, reversed: false, offset: offset, limit: limit)
        return ListPage(offset: offset, rows: Array(rows), total: total, capped: capped)
    }

    /// How many leads of the list come before `leadId` in its order, and its values of the order's terms;
    /// nil when the lead is not listed.
    static func position(_ db: Database, _ query: LeadListQuery, terms: [Term], of leadId: String) throws -> (Int, [DatabaseValue])? {
        let (clause, arguments) = whereClause(query)
        let values = "SELECT " + terms.map(\.sql).joined(separator: ", ") + " FROM leads "
            + (clause.isEmpty ? "WHERE seq = ?" : clause + " AND seq = ?")
        var anchorArguments = arguments
        anchorArguments += [LeadId.key(leadId)]
        guard let row = try Row.fetchOne(db.cachedStatement(sql: values), arguments: anchorArguments) else { return nil }
        if clause.isEmpty, query.sort == nil, query.order == .newest, let seq = row[0] as Int64? {
            // Leads are numbered without gaps and never deleted: the newer ones are the numbers above.
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM leads") ?? 0
            return (Int(last - seq), Array(row.databaseValues))
        }
        let (condition, bound) = before(terms, Array(row.databaseValues))
        let sql = "SELECT count(*) FROM \(try source(db, query)) " + (clause.isEmpty ? "WHERE " : clause + " AND ") + condition
        var countArguments = arguments
        countArguments += StatementArguments(bound)
        return (try Int.fetchOne(db.cachedStatement(sql: sql), arguments: countArguments) ?? 0, Array(row.databaseValues))
    }

    /// Where the list's rows are read from: the index that reaches a screenful quickest.
    static func source(_ db: Database, _ query: LeadListQuery) throws -> String {
        switch query.order {
        case .newest:
            // The owner index orders an owner's leads by state first, so without a state it must sort them all.
            if let owner = query.owner, query.state == nil, query.reason == nil, query.sort == nil {
                let few = try isSelective(db, "leads INDEXED BY leads_by_owner WHERE owner = ?", [owner])
                return few ? "leads INDEXED BY leads_by_owner" : "leads NOT INDEXED"
            }
            return "leads"
        case .longestFlagged:
            if let reason = query.reason, try isSelective(db, "leads INDEXED BY leads_by_reason WHERE reason = ?", [reason.rawValue]) {
                return "leads INDEXED BY leads_by_reason"
            } else if let owner = query.owner, try isSelective(db, "leads INDEXED BY leads_by_owner WHERE owner = ? AND state = 'flagged'", [owner]) {
                return "leads INDEXED BY leads_by_owner"
            }
            return "leads INDEXED BY leads_flagged_by_wait"
        }
    }

    static func summaries(
        _ db: Database, _ query: LeadListQuery, terms: [Term], reversed: Bool, offset: Int, limit: Int,
        extra: (String, [DatabaseValue])? = nil
    ) throws -> [LeadSummary] {
        guard limit > 0 else { return [] }
        var (clause, arguments) = whereClause(query)
        if let (condition, bound) = extra {
            clause += (clause.isEmpty ? "WHERE " : " AND ") + condition
            arguments += StatementArguments(bound)
        }
        let sql = "SELECT \(summaryColumns) FROM \(try source(db, query)) \(clause) \(ListOrder.orderBy(terms, reversed: reversed)) LIMIT \(limit) OFFSET \(offset)"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let reason: String? = row[12]
            return LeadSummary(
                seq: row[0], id: row[1], receivedAt: Date(timeIntervalSince1970: row[2]), company: row[3], firstName: row[4],
                lastName: row[5], email: row[6], country: row[7], employees: row[8], route: row[9], owner: row[10],
                state: LeadState(rawValue: row[11]) ?? .received, reason: reason.flatMap(ExceptionReason.init(rawValue:)),
                version: row[13], updatedAt: Date(timeIntervalSince1970: row[14])
            )
        }
    }

    /// Whether fewer than `selectiveMatches` rows match, counted on the index alone.
    private static func isSelective(_ db: Database, _ from: String, _ arguments: StatementArguments) throws -> Bool {
        let n = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM \(from) LIMIT \(selectiveMatches))"), arguments: arguments) ?? 0
        return n < selectiveMatches
    }

    /// Leads matching `query`, counted up to `limit`.
    static func count(_ db: Database, _ query: LeadListQuery, limit: Int) throws -> Int {
        let (clause, arguments) = whereClause(query)
        let sql = limit == Int.max
            ? "SELECT count(*) FROM leads \(clause)"
            : "SELECT count(*) FROM (SELECT 1 FROM leads \(clause) LIMIT \(max(limit, 0)))"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    static func whereClause(_ query: LeadListQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if query.order == .longestFlagged {
            clauses.append("state = 'flagged'")
        } else if let state = query.state {
            clauses.append("state = ?")
            arguments.append(state.rawValue)
        }
        if let owner = query.owner { clauses.append("owner = ?"); arguments.append(owner) }
        if let reason = query.reason { clauses.append("reason = ?"); arguments.append(reason.rawValue) }
        if let country = query.country { clauses.append("country_code = ?"); arguments.append(country.uppercased()) }
        if let route = query.route { clauses.append("route = ?"); arguments.append(route) }
        if let text = query.text, !text.isEmpty {
            // Notes live in the log: the leads with a matching note are found once per read.
            // The text typed is matched as written: `%` and `_` in it are characters, not wildcards.
            let escape = LikePattern.clause
            clauses.append("""
                (seq = ? OR email LIKE ? \(escape) OR company LIKE ? \(escape) OR last_name LIKE ? \(escape) OR external_id = ?
                    OR seq IN (SELECT lead FROM events WHERE kind = 'annotated' AND text LIKE ? \(escape)))
                """)
            let like = LikePattern.containing(text)
            arguments += [LeadId.key(text), like, like, like, text, like]
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), StatementArguments(arguments))
    }

    // MARK: The log

    /// One page of the log, oldest first unless sorted; `total` is the number of entries (never deleted,
    /// numbered without gaps).
    static func eventPage(_ db: Database, _ window: EventWindow, total: Int, text: LogText) throws -> ListPage<LeadEvent> {
        let limit = max(window.limit, 0)
        let offset = window.fromEnd || window.offset >= total ? max(total - limit, 0) : max(window.offset, 0)
        guard let sort = window.sort, eventSortFields[sort.field] != nil, sort.field != "seq" || sort.descending else {
            // In the log's own order the entry numbers are the positions.
            return ListPage(offset: offset, rows: try fullEvents(db, after: Int64(offset), through: Int64(min(offset + limit, total)), text: text), total: total)
        }
        let terms = ListOrder.terms(sort, fields: eventSortFields, base: [("seq", false)])
        // Sorted over the log as read, so a page counts the entries a `routed` one stands for.
        let rows = try fullEvents(db, from: RoutedEntry.expandedLogSQL, "\(ListOrder.orderBy(terms)) LIMIT \(limit) OFFSET \(offset)", [], text: text)
        return ListPage(offset: offset, rows: rows, total: total)
    }
}
