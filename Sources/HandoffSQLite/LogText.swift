import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// Reads log entries' `text` column inside one read: text as stored, or a flagged decision's text a
/// writer stored coded (`ExceptionsTextCode`, a blob) where the store keeps the words of the entry's
/// rulebook version, decoded with those stored words, which the store's `StoredWordLists` keeps once read.
struct LogText {
    let db: Database
    let lists: StoredWordLists

    /// The text of an entry whose `text` column holds `value`, written with rulebook `rulebook`; one that
    /// cannot be read says why in its place.
    func text(_ value: DatabaseValue, rulebook: String?) -> String? {
        switch value.storage {
        case .blob(let bytes): decoded(Array(bytes), rulebook: rulebook).text
        default: String.fromDatabaseValue(value)
        }
    }

    /// The text coded as `bytes`, or, when it cannot be read, a text that says why and the problem itself
    /// (which an audit names: the entry's hash covers the text, so it no longer matches).
    func decoded(_ bytes: [UInt8], rulebook: String?) -> (text: String, problem: String?) {
        do {
            guard let rulebook, let words = lists.words(rulebook, db) else { throw DecisionCodeError.noWords(rulebook: rulebook ?? "(none)") }
            return (try ExceptionsTextCode.decode(bytes, words: words), nil)
        } catch {
            let problem = (error as? DecisionCodeError)?.problem ?? "\(error)"
            return ("(unreadable text: \(problem))", problem)
        }
    }
}
