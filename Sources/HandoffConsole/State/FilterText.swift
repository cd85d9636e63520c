import Foundation
import HandoffCore
import HandoffDesk

/// The `/` filter: words with optional field scopes, e.g. `owner:ana reason:duplicate country:DE acme`.
/// Scoped words narrow by that field; the rest is free text matched against id, email, company and name.
public struct FilterText: Sendable, Hashable {
    public static let scopes = ["owner", "reason", "state", "country", "route"]

    public var text: String
    public var query: SnapshotQuery
    /// Words that could not be read, in words ("reason:dupe matches no reason; try duplicate_suspect").
    public var problems: [String]

    /// `owners` are the rulebook's owner ids: an owner is matched without case, and one not among them
    /// is named as a problem rather than shown as an empty list.
    public init(_ text: String, limits base: SnapshotQuery = SnapshotQuery(), owners: [String] = []) {
        self.text = text
        var query = base
        query.owner = nil; query.reason = nil; query.state = nil; query.country = nil; query.route = nil; query.text = nil
        var problems: [String] = []
        var free: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { free.append(word); continue }
            let scope = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            guard !value.isEmpty else { problems.append("\(word): give a value after the colon"); continue }
            switch scope {
            case "owner":
                if owners.isEmpty { query.owner = value } else if let owner = owners.first(where: { $0.lowercased() == value.lowercased() }) {
                    query.owner = owner
                } else {
                    problems.append("owner:\(value) is no owner; owners are " + owners.joined(separator: ", "))
                }
            case "country":
                if let code = CountryCodes.code(for: value) { query.country = code } else {
                    problems.append("country:\(value) is no country; give a code or name, e.g. country:DE or country:germany")
                }
            case "route": query.route = value
            case "reason":
                if let reason = Self.reason(value) { query.reason = reason } else {
                    problems.append("reason:\(value) matches no reason; reasons are " + ExceptionReason.allCases.map(\.code).joined(separator: ", "))
                }
            case "state":
                if let state = LeadState.allCases.first(where: { $0.rawValue.hasPrefix(value.lowercased()) }) { query.state = state } else {
                    problems.append("state:\(value) matches no state; states are " + LeadState.allCases.map(\.rawValue).joined(separator: ", "))
                }
            default:
                problems.append("\(scope): is not a filter field; use " + Self.scopes.map { $0 + ":" }.joined(separator: " "))
            }
        }
        query.text = free.isEmpty ? nil : free.joined(separator: " ")
        self.query = query
        self.problems = problems
    }

    /// A reason by code, label or any part of either ("duplicate", "sla", "free").
    static func reason(_ value: String) -> ExceptionReason? {
        let value = value.lowercased()
        return ExceptionReason.allCases.first { $0.code == value }
            ?? ExceptionReason.allCases.first { $0.code.contains(value) || $0.label.contains(value) }
    }

    public var isEmpty: Bool { text.trimmingCharacters(in: .whitespaces).isEmpty }
}
