import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The `decision_words` table's two statements, for `StoredWordsCheck` and `StoredWordLists`.
enum StoredWordsSQL {
    /// Stores `words` unless their version has a list; whether it did.
    static func insert(_ words: DecisionWords, _ db: Database) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO decision_words (version, words) VALUES (?, ?)",
                       arguments: [words.version, Data(words.serialized)])
        return db.changesCount > 0
    }

    static func read(_ version: String, _ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT words FROM decision_words WHERE version = ?", arguments: [version]).map(Array.init)
    }
}

extension StoredWordLists {
    func words(_ version: String, _ db: Database) -> DecisionWords? {
        words(version) { try StoredWordsSQL.read(version, db) }
    }
}

extension StoredWordsCheck {
    mutating func code(_ coded: [UInt8], words: DecisionWords?, of decision: Decision, _ db: Database) throws -> [UInt8] {
        try code(coded, words: words, of: decision, insert: { try StoredWordsSQL.insert($0, db) },
                 read: { try StoredWordsSQL.read(decision.rulebookVersion, db) })
    }
}
