import Foundation
import HandoffCore

/// Tab in the `/` filter: completes the word before the caret, a field scope (`ow` -> `owner:`) or a
/// scope's value (`reason:dup` -> `reason:duplicate_suspect`, `owner:` -> the owners, `country:` ->
/// the countries the lists show). Several matches extend to what they share and are listed.
enum FilterCompletion {
    static func complete(_ state: ConsoleState, _ input: TextInput) -> (input: TextInput, candidates: [String]) {
        // Only at the end of the text, as in a shell: completing mid-word would guess at the rest.
        guard input.caret == input.characters.count else { return (input, []) }
        let text = input.text
        let word = text.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let head = String(text.dropLast(word.count))
        let options: [String]
        let prefix: String
        if let colon = word.firstIndex(of: ":") {
            let scope = word[..<colon].lowercased()
            prefix = String(word[...colon])
            options = values(state, scope: scope)
        } else {
            prefix = ""
            // The Simulation view's own filter takes fewer scopes.
            let scopes = state.tab == .simulation ? ["owner", "route", "reason"] : FilterText.scopes
            options = scopes.map { $0 + ":" }
        }
        let typed = String(word.dropFirst(prefix.count)).lowercased()
        let matches = options.filter { $0.lowercased().hasPrefix(typed) }
        guard !matches.isEmpty else { return (input, []) }
        var completed = input
        if matches.count == 1 {
            // A value is done (a space for the next word); a scope waits for its value.
            completed.set(head + prefix + matches[0] + (matches[0].hasSuffix(":") ? "" : " "))
            return (completed, [])
        }
        let shared = CommandLineRunner.commonPrefix(matches.map { $0.lowercased() })
        if shared.count > typed.count { completed.set(head + prefix + String(matches[0].prefix(shared.count))) }
        return (completed, matches)
    }

    /// What a scope's value can be: from the rulebook (owners, routes), the fixed lists (reasons,
    /// states) and the rows on screen (countries, and routes a change has retired).
    static func values(_ state: ConsoleState, scope: String) -> [String] {
        let rows = (state.snapshot?.incoming ?? []) + (state.snapshot?.exceptions ?? [])
        func distinct(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
        switch scope {
        case "owner": return state.settings.ownerIds
        case "reason": return ExceptionReason.allCases.map(\.code)
        case "state": return LeadState.allCases.map(\.rawValue)
        case "country": return distinct(rows.compactMap(\.country)).sorted()
        case "route": return distinct(state.settings.routeNames + rows.compactMap(\.route).sorted())
        default: return []
        }
    }
}
