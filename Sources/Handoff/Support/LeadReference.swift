import Foundation
import HandoffStore

/// Lead ids as people type them: `L-0000007`, `l-7`, or just `7`.
enum LeadReference {
    static func id(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.lowercased().hasPrefix("l-") ? String(trimmed.dropFirst(2)) : trimmed
        if digits.allSatisfy(\.isASCII), let serial = Int(digits), serial > 0 { return LeadId.make(serial) }
        return trimmed
    }
}
