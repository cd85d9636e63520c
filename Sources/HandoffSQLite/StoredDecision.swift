import Foundation
import GRDB
import HandoffCore
import HandoffStore

/// The `decision` column's two forms: a BLOB in `DecisionCode`'s binary form, written since it was
/// introduced, and JSON text, written before and still in older databases. The column is declared TEXT,
/// but SQLite keeps a BLOB as given in it, so both forms live side by side without a migration.
enum StoredDecision {
    /// Why a stored decision cannot be read, for `handoff doctor`; nil when it reads (or there is none).
    static func problem(_ value: DatabaseValue, leadId: String, rulebook: String?, words: (String) -> DecisionWords?) -> String? {
        readOrProblem(value, leadId: leadId, rulebook: rulebook, words: words).problem
    }

    /// The decision a row holds, or why it cannot be read: a lead shown without its decision is said to
    /// have a damaged one, not to be waiting for its first.
    static func readOrProblem(
        _ value: DatabaseValue, leadId: String, rulebook: String?, words: (String) -> DecisionWords?
    ) -> (decision: Decision?, problem: String?) {
        do {
            return (try decode(value, leadId: leadId, rulebook: rulebook, words: words), nil)
        } catch let error as DecisionCodeError {
            return (nil, "\(error)")
        } catch is DecodingError {
            return (nil, "unreadable stored decision: its JSON does not read as a decision")
        } catch {
            return (nil, "unreadable stored decision: \(error)")
        }
    }

    private struct NoRulebook: Error, CustomStringConvertible {
        var description: String { "a binary decision without the rulebook version it needs" }
    }

    /// `words` gives the store's words of a rulebook version; asked only for a format-2 decision.
    private static func decode(_ value: DatabaseValue, leadId: String, rulebook: String?, words: (String) -> DecisionWords?) throws -> Decision? {
        switch value.storage {
        case .blob(let bytes):
            guard let rulebook else { throw NoRulebook() }
            return try DecisionCode.decode(bytes, leadId: leadId, rulebookVersion: rulebook, wordsOf: words)
        case .string(let json):
            return try JSONDecoder().decode(Decision.self, from: Data(json.utf8))
        default:
            return nil
        }
    }
}
