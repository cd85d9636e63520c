import Foundation

/// Re-running a stored decision from what it recorded: the lead, the rulebook by version, the time,
/// and the inputs in its trace (the account matched, the earlier lead it duplicated, each candidate's
/// open load) and in `Decision.inputs` (pool turns and shares). Pure: the caller reads the store.
public enum DecisionReplay {
    /// Why a decision cannot be replayed.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case noInputs
        case rulebookChanged(String)

        public var description: String {
            switch self {
            case .noInputs:
                "the decision was stored without its pool state (routed by an earlier version of handoff); `handoff retry` decides it anew with inputs kept"
            case .rulebookChanged(let why):
                "the recorded rulebook does not match the decision: \(why)"
            }
        }
    }

    /// The earlier lead a decision says this one duplicated, if any.
    public static func duplicateOf(_ decision: Decision) -> String? {
        for step in decision.trace.steps { if case .duplicate(let of, _, _) = step { return of } }
        return nil
    }

    /// The routing context the decision saw. `rulebook` is the recorded one with the operator changes in
    /// force at the time; `earlier` is the lead named by `duplicateOf`.
    public static func context(for decision: Decision, rulebook: Rulebook, earlier: Lead?) throws -> RoutingContext {
        let consultsPool = decision.trace.steps.contains { if case .pool = $0 { true } else { false } }
        if consultsPool && decision.inputs == nil { throw Refusal.noInputs }
        var state = RoutingState(rulebook: rulebook)
        var accounts: [Account] = []
        for step in decision.trace.steps {
            switch step {
            case .account(let domain, let name, let owner):
                accounts.append(Account(domain: domain, name: name, owner: owner))
            case .pool(_, _, let candidates):
                for c in candidates {
                    guard let o = rulebook.ownerIndex[c.owner] else { throw Refusal.rulebookChanged("no owner '\(c.owner)'") }
                    state.openLoad[o] = c.open
                }
            default:
                break
            }
        }
        for input in decision.inputs?.pools ?? [] {
            guard let p = rulebook.poolIndex[input.pool] else { throw Refusal.rulebookChanged("no pool '\(input.pool)'") }
            guard input.assigned.count == state.assigned[p].count, input.excused.count == state.excused[p].count else {
                throw Refusal.rulebookChanged("pool '\(input.pool)' has \(state.assigned[p].count) members, the decision saw \(input.assigned.count)")
            }
            state.cursors[p] = input.cursor
            state.assigned[p] = input.assigned
            state.excused[p] = input.excused
        }
        var context = RoutingContext(rulebook: rulebook, now: decision.decidedAt, accounts: AccountDirectory(accounts), state: state)
        if let earlier { context.recent.remember(earlier, on: rulebook.duplicates.matchOn) }
        return context
    }

    /// What differs between a stored decision and its replay, as lines a person reads: empty when the
    /// replay reproduced it exactly.
    public static func differences(stored: Decision, replayed: Decision) -> [String] {
        if DecisionJSON.encode(stored) == DecisionJSON.encode(replayed) { return [] }
        var out: [String] = []
        func field(_ name: String, _ a: String?, _ b: String?) {
            if a != b { out.append("\(name): stored \(a ?? "none"), replayed \(b ?? "none")") }
        }
        field("rulebook version", stored.rulebookVersion, replayed.rulebookVersion)
        field("owner", stored.owner, replayed.owner)
        field("route", stored.route, replayed.route)
        field("pool", stored.pool, replayed.pool)
        field("exceptions", stored.exceptions.map(\.reason.code).joined(separator: ", "), replayed.exceptions.map(\.reason.code).joined(separator: ", "))
        let before = DecisionText.lines(stored), after = DecisionText.lines(replayed)
        for line in before where !after.contains(line) { out.append("- " + line) }
        for line in after where !before.contains(line) { out.append("+ " + line) }
        if out.isEmpty { out.append("the recorded details differ (compare `handoff show --json` with the replay)") }
        return out
    }
}
