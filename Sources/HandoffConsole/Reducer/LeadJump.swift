import Foundation
import HandoffCore
import HandoffStore

/// `:L-0000042` and `:goto 42`: select a lead and open its detail, in whichever view lists it (this
/// one if it can, then Exceptions, then Incoming). A lead no list holds (older than the newest rows,
/// or outside the filter) is asked for by id; the jump lands when the snapshot that lists it arrives.
enum LeadJump {
    /// Snapshots a jump waits for its lead before saying there is none: the first may have been asked
    /// for before the jump's own query.
    static let patience = 2

    /// The lead id a command-line word names: `L-0000042`, `l-42` or a bare number.
    static func leadId(_ word: String) -> String? {
        var digits = Substring(word.trimmingCharacters(in: .whitespaces))
        if digits.lowercased().hasPrefix("l-") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 0 else { return nil }
        return LeadId.make(n)
    }

    static func run(_ state: inout ConsoleState, _ argument: String) -> [ConsoleEffect] {
        guard let id = leadId(argument) else {
            Reducer.say(&state, "usage: :goto L-0000042 (or its number, or :L-0000042)", .error)
            return []
        }
        return jump(&state, to: id)
    }

    static func jump(_ state: inout ConsoleState, to id: String) -> [ConsoleEffect] {
        if let effects = land(&state, id) { return effects }
        // Not in any list yet: ask for it by id; the filter line shows what is asked, / clears it.
        state.pendingJump = PendingJump(id: id)
        state.filter = FilterText(id, limits: state.filter.query)
        Reducer.say(&state, "looking for \(id): filtered to it (/ then Enter clears the filter)", .info)
        // The reducer asks for the pages the new filter needs, as after any change.
        return []
    }

    /// After a snapshot: a jump waiting for its lead lands once a list holds it.
    static func landPending(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var pending = state.pendingJump else { return [] }
        if let effects = land(&state, pending.id) { return effects }
        pending.snapshots += 1
        state.pendingJump = pending
        if pending.snapshots >= patience {
            state.pendingJump = nil
            Reducer.say(&state, "no lead \(pending.id) in this workspace", .error)
        }
        return []
    }

    /// Selects `id` and opens its detail when some lead view lists it; nil when none does.
    private static func land(_ state: inout ConsoleState, _ id: String) -> [ConsoleEffect]? {
        let views = ([state.tab] + [Tab.exceptions, .incoming]).filter(\.listsLeads)
        guard let tab = views.first(where: { state.ids($0).contains(id) }) else { return nil }
        state.pendingJump = nil
        // Only the detail of the lead landed on is wanted, not those of rows passed on the way.
        _ = Reducer.show(&state, tab)
        _ = Reducer.move(&state, to: state.ids(tab).firstIndex(of: id)!)
        state.detailRequested = true
        state.detailScroll = 0
        Reducer.say(&state, "\(id) in \(tab.title)", .info)
        return Reducer.detailEffects(state)
    }
}

/// A `:goto` waiting for a snapshot that lists its lead.
public struct PendingJump: Sendable, Hashable {
    public var id: String
    /// Snapshots received since, without it.
    public var snapshots = 0
}
