/// How a console list is ordered, as SQL `ORDER BY` terms: the same on every engine, each giving the
/// expressions of its sortable fields (which differ in how they fold case).
package enum ListOrder {
    /// One ordering term: an SQL expression and its direction.
    package typealias Term = (sql: String, descending: Bool)

    /// The list's order as terms ending in a unique one (seq), so every row has one place: a sorted
    /// column first (missing values last), then the list's own order.
    package static func terms(_ sort: ListSort?, fields: [String: String], base: [Term]) -> [Term] {
        guard let sort, let sql = fields[sort.field] else { return base }
        return [("(\(sql)) IS NULL", false), (sql, sort.descending)] + base
    }

    /// A lead list's terms: newest first, or the longest waiting first; `fields` are the engine's sortable ones.
    package static func leadTerms(_ query: LeadListQuery, fields: [String: String]) -> [Term] {
        let base: [Term] = query.order == .newest
            ? [("seq", true)]
            : [("updated_at", false), ("received_at", false), ("seq", false)]
        return terms(query.sort, fields: fields, base: base)
    }

    package static func orderBy(_ terms: [Term], reversed: Bool = false) -> String {
        "ORDER BY " + terms.map { "\($0.sql) \($0.descending != reversed ? "DESC" : "ASC")" }.joined(separator: ", ")
    }
}
