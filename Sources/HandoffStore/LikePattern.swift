/// Text search through SQL `LIKE`: the text typed is matched as written, so `%` and `_` in it are
/// characters, not wildcards ("A_B" never finds "AxB Ltd"). Both engines fill their `LIKE` (SQLite) and
/// `ILIKE` (PostgreSQL) with it.
package enum LikePattern {
    /// The escape character the pattern uses; every `LIKE ?` it fills says `ESCAPE '\'`.
    package static let clause = "ESCAPE '\\'"

    /// A pattern matching values that contain `text` (lowercased, as the keys it is compared with are).
    package static func containing(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 2)
        for c in text.lowercased() {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return "%" + escaped + "%"
    }
}
