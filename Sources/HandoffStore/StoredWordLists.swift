import HandoffCore
import Synchronization

/// The word lists (`DecisionWords`) a store has read, by rulebook version: loaded when a format-2
/// decision first needs them, or when a writer first checks a version. A stored list never changes, so
/// it is kept for the store's life; every engine keeps one.
package final class StoredWordLists: Sendable {
    private let loaded = Mutex<[String: DecisionWords]>([:])

    package init() {}

    /// The list of `version` read before, without asking the store.
    package func known(_ version: String) -> DecisionWords? { loaded.withLock { $0[version] } }

    /// The list of `version`, read with `read` (its stored bytes, nil when there are none) the first
    /// time; nil when the store holds none or it does not read as a list (the decision then reads as
    /// damaged).
    package func words(_ version: String, read: () throws -> [UInt8]?) -> DecisionWords? {
        if let known = known(version) { return known }
        guard let bytes = try? read(), let words = try? DecisionWords(version: version, serialized: bytes) else { return nil }
        loaded.withLock { $0[version] = words }
        return words
    }
}

/// Inside one write transaction, keeps the words decisions are coded with beside their rulebook version,
/// and says whether a decision's code may be written as it is: only when the store's list for that
/// version is the very list it was coded with. The first writer of a version stores it; a writer whose
/// list differs (another build, or a hand-made rulebook reusing a version) writes format 1, which needs
/// no words. A list found stored was committed, so it is remembered in `lists` and later transactions
/// check it without a statement; one stored here is kept apart (the transaction may yet roll back).
package struct StoredWordsCheck {
    private let lists: StoredWordLists
    /// Lists this transaction stored, by version.
    private var storedHere: [String: DecisionWords] = [:]
    /// The words of the last decision, which are almost always the next one's too.
    private var last: (words: DecisionWords, same: Bool)?

    package init(lists: StoredWordLists) { self.lists = lists }

    /// `coded` as it may be written: itself, or `decision` in format 1. `insert` stores the list if the
    /// version has none and says whether it did; `read` gives the stored list's bytes.
    package mutating func code(
        _ coded: [UInt8], words: DecisionWords?, of decision: Decision,
        insert: (DecisionWords) throws -> Bool, read: () throws -> [UInt8]?
    ) throws -> [UInt8] {
        guard let words else { return coded }
        let same: Bool
        if let last, last.words === words {
            same = last.same
        } else if let stored = storedHere[words.version] ?? lists.known(words.version) {
            same = stored.serialized == words.serialized
        } else if try insert(words) {
            storedHere[words.version] = words
            same = true
        } else {
            // Another transaction's list, committed before this one could store its own.
            same = lists.words(words.version, read: read)?.serialized == words.serialized
        }
        last = (words, same)
        return same ? coded : DecisionCode.encode(decision)
    }
}
