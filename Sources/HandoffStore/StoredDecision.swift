import Foundation
import GRDB
import HandoffCore

/// The `decision` column's two forms: a BLOB in `DecisionCode`'s binary form, written since it was
/// introduced, and JSON text, written before and still in older databases. The column is declared TEXT,
/// but SQLite keeps a BLOB as given in it, so both forms live side by side without a migration.
enum StoredDecision {
    /// The decision a row holds; nil when there is none or it cannot be read (as an unreadable JSON
    /// decision always was). The binary form leaves out the lead id and rulebook version, which are the
    /// row's `id` and `rulebook`.
    static func read(_ value: DatabaseValue, leadId: String, rulebook: String?) -> Decision? {
        switch value.storage {
        case .blob(let bytes):
            guard let rulebook else { return nil }
            return try? DecisionCode.decode(bytes, leadId: leadId, rulebookVersion: rulebook)
        case .string(let json):
            return try? JSONDecoder().decode(Decision.self, from: Data(json.utf8))
        default:
            return nil
        }
    }
}
