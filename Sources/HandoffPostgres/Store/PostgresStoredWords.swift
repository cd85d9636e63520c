import Foundation
import HandoffCore
import HandoffStore
import NIOCore
import PostgresNIO

/// The `decision_words` table's two statements, for `StoredWordsCheck` and `StoredWordLists`. Two
/// processes storing a version's list at once: the second's INSERT waits for the first's commit and does
/// nothing, and its SELECT then reads the first's.
enum PostgresWordsSQL {
    @available(*, noasync, message: "blocks its thread")
    static func insert(_ words: DecisionWords, _ session: PostgresSession) throws -> Bool {
        try session.execute("""
            INSERT INTO decision_words (version, words) VALUES (\(words.version), \(ByteBuffer(bytes: words.serialized)))
            ON CONFLICT (version) DO NOTHING
            """) > 0
    }

    @available(*, noasync, message: "blocks its thread")
    static func read(_ version: String, _ session: PostgresSession) throws -> [UInt8]? {
        try session.value("SELECT words FROM decision_words WHERE version = \(version)", as: ByteBuffer.self)
            .map { Array($0.readableBytesView) }
    }
}

extension StoredWordLists {
    @available(*, noasync, message: "blocks its thread")
    func words(_ version: String, _ session: PostgresSession) -> DecisionWords? {
        words(version) { try PostgresWordsSQL.read(version, session) }
    }
}

extension StoredWordsCheck {
    @available(*, noasync, message: "blocks its thread")
    mutating func code(_ coded: [UInt8], words: DecisionWords?, of decision: Decision, session: PostgresSession) throws -> [UInt8] {
        try code(coded, words: words, of: decision, insert: { try PostgresWordsSQL.insert($0, session) },
                 read: { try PostgresWordsSQL.read(decision.rulebookVersion, session) })
    }
}
