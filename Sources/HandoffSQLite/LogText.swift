import Foundation
import GRDB
import HandoffCore
import HandoffStore
import Synchronization

/// Reads log entries' `text` column, as one read transaction meets them: text as stored, or a flagged
/// decision's text a writer stored coded (`ExceptionsTextCode`, a blob) where the store keeps the words
/// of the entry's rulebook version, decoded with those stored words. A class, made for one read and
/// used on its thread: it remembers the lists that read found, by version.
final class LogText {
    private let db: Database
    private var found: [String: DecisionWords?] = [:]

    init(_ db: Database) { self.db = db }

    /// The text of an entry whose `text` column holds `value`, written with rulebook `rulebook`.
    func text(_ value: DatabaseValue, rulebook: String?) -> String? {
        switch value.storage {
        case .blob(let bytes): decoded(Array(bytes), rulebook: rulebook)
        default: String.fromDatabaseValue(value)
        }
    }

    /// The text coded as `bytes`; when it cannot be read, a text that says why (an audit then finds the
    /// entry changed: its hash covers the text itself).
    func decoded(_ bytes: [UInt8], rulebook: String?) -> String {
        do {
            guard let rulebook, let words = try words(rulebook) else { throw DecisionCodeError.noWords(rulebook: rulebook ?? "(none)") }
            return try ExceptionsTextCode.decode(bytes, words: words)
        } catch let error as DecisionCodeError {
            return UnreadableEntryText.text(error.problem)
        } catch {
            return UnreadableEntryText.text("\(error)")
        }
    }

    private func words(_ version: String) throws -> DecisionWords? {
        if let known = found[version] { return known }
        let words = try StoredWordsSQL.read(version, db).flatMap { ParsedWords.words(version, serialized: $0) }
        found[version] = words
        return words
    }
}

/// Word lists parsed from stored bytes, kept by version and checked against the bytes read each time: a
/// list is the same whichever store holds it, so reads of any store in the process share the parsing.
enum ParsedWords {
    private static let parsed = Mutex<[String: DecisionWords]>([:])

    static func words(_ version: String, serialized bytes: [UInt8]) -> DecisionWords? {
        if let known = parsed.withLock({ $0[version] }), known.serialized == bytes { return known }
        guard let words = try? DecisionWords(version: version, serialized: bytes) else { return nil }
        parsed.withLock { $0[version] = words }
        return words
    }
}
