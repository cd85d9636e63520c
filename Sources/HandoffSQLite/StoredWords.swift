import Foundation
import GRDB
import HandoffCore
import Synchronization

/// Keeps, inside one write transaction, the words decisions are coded with (`DecisionWords`) beside their
/// rulebook version, and says whether a decision's code may be written as it is: only when the store's
/// words for that version are the very words it was coded with. The first writer of a version stores
/// them; a writer whose words differ (another build, or a hand-made rulebook reusing a version) writes
/// format 1, which needs no words.
struct StoredWordsCheck {
    /// The store's lists read from the file (committed, so never to change): once a version's list is
    /// there, checking it takes no statement.
    let stored: StoredWordsCache
    private var checked: [ObjectIdentifier: Bool] = [:]
    /// The words of the last decision, which are almost always the next one's too.
    private var last: (words: DecisionWords, same: Bool)?

    init(stored: StoredWordsCache) { self.stored = stored }

    mutating func code(_ coded: [UInt8], words: DecisionWords?, of decision: Decision, _ db: Database) throws -> [UInt8] {
        guard let words else { return coded }
        let same: Bool
        if let last, last.words === words {
            same = last.same
        } else if let known = checked[ObjectIdentifier(words)] {
            same = known
        } else if let committed = stored.known(words.version) {
            same = committed.serialized == words.serialized
            checked[ObjectIdentifier(words)] = same
        } else {
            // Inserted here, the list is not remembered: this transaction may yet roll back.
            try db.execute(sql: "INSERT OR IGNORE INTO decision_words (version, words) VALUES (?, ?)",
                           arguments: [words.version, Data(words.serialized)])
            if db.changesCount > 0 {
                same = true
            } else {
                let committed = stored.words(words.version, db)
                same = committed?.serialized == words.serialized
            }
            checked[ObjectIdentifier(words)] = same
        }
        last = (words, same)
        return same ? coded : DecisionCode.encode(decision)
    }
}

/// The words of each rulebook version this store has read, loaded when a format-2 decision first needs
/// them. A version's words never change once stored, so they are kept for the store's life.
final class StoredWordsCache: Sendable {
    private let loaded = Mutex<[String: DecisionWords]>([:])

    /// The words of `version` read before, without reading the file.
    func known(_ version: String) -> DecisionWords? { loaded.withLock { $0[version] } }

    /// The words of `version`, or nil when the store holds none (the decision then reads as damaged).
    func words(_ version: String, _ db: Database) -> DecisionWords? {
        if let known = loaded.withLock({ $0[version] }) { return known }
        guard let bytes = try? Data.fetchOne(db, sql: "SELECT words FROM decision_words WHERE version = ?", arguments: [version]),
              let words = try? DecisionWords(version: version, serialized: Array(bytes)) else { return nil }
        loaded.withLock { $0[version] = words }
        return words
    }
}
