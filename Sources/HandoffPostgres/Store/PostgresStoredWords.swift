import Foundation
import HandoffCore
import NIOCore
import PostgresNIO
import Synchronization

/// As SQLite's `StoredWordsCheck`: inside one write transaction, keeps the words decisions are coded with
/// beside their rulebook version, and writes a decision as coded only when the stored words are the very
/// words it was coded with (else in format 1). Two processes storing a version's words at once: the
/// second's INSERT waits for the first's commit and does nothing, and its SELECT then reads the first's.
struct PostgresWordsCheck {
    /// The store's lists read from the database (committed, so never to change): once a version's list
    /// is there, checking it takes no round trip.
    let stored: PostgresWordsCache
    private var checked: [ObjectIdentifier: Bool] = [:]
    private var last: (words: DecisionWords, same: Bool)?

    init(stored: PostgresWordsCache) { self.stored = stored }

    @available(*, noasync, message: "blocks its thread")
    mutating func code(_ coded: [UInt8], words: DecisionWords?, of decision: Decision, session: PostgresSession) throws -> [UInt8] {
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
            let inserted = try session.execute("""
                INSERT INTO decision_words (version, words) VALUES (\(words.version), \(ByteBuffer(bytes: words.serialized)))
                ON CONFLICT (version) DO NOTHING
                """)
            if inserted > 0 {
                same = true
            } else {
                same = stored.words(words.version, session)?.serialized == words.serialized
            }
            checked[ObjectIdentifier(words)] = same
        }
        last = (words, same)
        return same ? coded : DecisionCode.encode(decision)
    }
}

/// The words of each rulebook version this store has read, loaded when a format-2 decision first needs
/// them; a version's words never change once stored.
final class PostgresWordsCache: Sendable {
    private let loaded = Mutex<[String: DecisionWords]>([:])

    /// The words of `version` read before, without asking the database.
    func known(_ version: String) -> DecisionWords? { loaded.withLock { $0[version] } }

    /// The words of `version`, or nil when the database holds none (the decision then reads as damaged).
    @available(*, noasync, message: "blocks its thread")
    func words(_ version: String, _ session: PostgresSession) -> DecisionWords? {
        if let known = loaded.withLock({ $0[version] }) { return known }
        guard let stored = try? session.value("SELECT words FROM decision_words WHERE version = \(version)", as: ByteBuffer.self),
              let words = try? DecisionWords(version: version, serialized: Array(stored.readableBytesView)) else { return nil }
        loaded.withLock { $0[version] = words }
        return words
    }
}
