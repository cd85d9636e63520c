import Foundation
import GRDB

/// Rulebook versions as the leads table keeps them (since migration 21): a small number each, named in
/// `rulebook_numbers`. A version is twelve characters and every decided lead names one, in its row and
/// before in the version's words; a number is one byte. The log's entries keep the version itself (their
/// hash covers it).
struct RulebookNumbers {
    /// A lead's rulebook version as SQL reads it from a row of `leads`.
    static let versionSQL = "(SELECT version FROM rulebook_numbers WHERE n = leads.rulebook_n)"

    /// Numbers this transaction has looked up or given, by version.
    private var known: [String: Int64] = [:]

    /// The number of `version`, given now if it has none (inside the caller's write transaction).
    mutating func number(_ version: String, _ db: Database) throws -> Int64 {
        if let n = known[version] { return n }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO rulebook_numbers (version) VALUES (?)").execute(arguments: [version])
        guard let n = try Int64.fetchOne(db.cachedStatement(sql: "SELECT n FROM rulebook_numbers WHERE version = ?"), arguments: [version]) else {
            throw DatabaseError(message: "rulebook version \(version) has no number after one was given")
        }
        known[version] = n
        return n
    }

    /// Every version by its number, for reads of many leads.
    static func versions(_ db: Database) throws -> [Int64: String] {
        var versions: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT n, version FROM rulebook_numbers") { versions[row[0]] = row[1] }
        return versions
    }
}
