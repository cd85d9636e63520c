import Foundation

/// Runs rulebook tests through the real router: each case gets a routing context built from the
/// rulebook and the case's circumstances only, so cases never affect each other.
public struct RuleCaseRunner: Sendable {
    public let rulebook: Rulebook
    /// A context with nothing given: its free-mail table and pool frames are built once and copied
    /// (copy on write) for every case, which is most of what making a context costs.
    private let base: RoutingContext

    public init(rulebook: Rulebook) {
        self.rulebook = rulebook
        base = RoutingContext(rulebook: rulebook, now: Date(timeIntervalSince1970: 0))
    }

    public func run(_ cases: [RuleCase]) -> [RuleCaseResult] { cases.map(run) }

    public func run(_ rule: RuleCase) -> RuleCaseResult {
        var problems = unknownNames(rule)
        guard problems.isEmpty else { return RuleCaseResult(rule: rule, decision: nil, failures: problems) }
        let context = context(for: rule)
        let decision = Router.decide(rule.lead, in: context)
        problems = Self.mismatches(rule.expect, decision, rulebook: context.rulebook)
        return RuleCaseResult(rule: rule, decision: decision, failures: problems)
    }

    /// The routing context the case describes.
    func context(for rule: RuleCase) -> RoutingContext {
        let given = rule.given
        var context: RoutingContext
        if given.paused.isEmpty && given.away.isEmpty {
            context = base
            context.now = rule.at
        } else {
            var owners = rulebook.owners
            for (id, pause) in given.paused {
                if let o = rulebook.ownerIndex[id] { owners[o].pause = OwnerPause(reason: pause.reason, by: pause.by, since: rule.at) }
            }
            for (id, days) in given.away {
                guard let o = rulebook.ownerIndex[id] else { continue }
                let zone = owners[o].zone
                let day = days ?? AwayDays(from: zone.local(rule.at), until: zone.local(rule.at))
                owners[o].outOfOffice.append(Absence(from: day.from, through: day.until, zone: zone))
            }
            var changed = rulebook
            changed.owners = owners
            context = RoutingContext(rulebook: changed, now: rule.at)
        }
        if !given.load.isEmpty || !given.pools.isEmpty {
            var state = context.state
            for (id, open) in given.load { if let o = rulebook.ownerIndex[id] { state.openLoad[o] = open } }
            for (name, pool) in given.pools {
                guard let p = rulebook.poolIndex[name] else { continue }
                let members = rulebook.poolMembers[p]
                func position(_ id: String) -> Int? { rulebook.ownerIndex[id].flatMap { members.firstIndex(of: $0) } }
                if let turn = pool.turn, let m = position(turn) { state.cursors[p] = m }
                for (id, n) in pool.given { if let m = position(id) { state.assigned[p][m] = n } }
                for (id, n) in pool.forgiven { if let m = position(id) { state.excused[p][m] = n } }
            }
            context.state = state
        }
        if !given.accounts.isEmpty { context.accounts = AccountDirectory(given.accounts) }
        for lead in given.earlier { context.recent.remember(lead, on: rulebook.duplicates.matchOn) }
        return context
    }

    /// Names the case uses that the rulebook does not have: the case cannot mean what it says.
    func unknownNames(_ rule: RuleCase) -> [String] {
        var out: [String] = []
        let owners = rulebook.owners.map(\.id)
        func owner(_ id: String, _ role: String) {
            if rulebook.ownerIndex[id] == nil { out.append("\(role) '\(id)' is not an owner of the rulebook" + Suggestion.hint(for: id, in: owners, listAll: false)) }
        }
        let given = rule.given
        for id in given.load.keys.sorted() { owner(id, "given load of") }
        for id in given.paused.keys.sorted() { owner(id, "given paused") }
        for id in given.away.keys.sorted() { owner(id, "given away") }
        for (name, pool) in given.pools.sorted(by: { $0.key < $1.key }) {
            guard let p = rulebook.poolIndex[name] else {
                out.append("given pool '\(name)' is not a pool of the rulebook" + Suggestion.hint(for: name, in: rulebook.pools.map(\.name), listAll: false))
                continue
            }
            let members = rulebook.pools[p].members
            for id in ([pool.turn].compactMap { $0 } + pool.given.keys.sorted() + pool.forgiven.keys.sorted()) where !members.contains(id) {
                out.append("given pool '\(name)' names '\(id)', who is not one of its members (\(members.joined(separator: ", ")))")
            }
        }
        if case .name(let route)? = rule.expect.route, !rulebook.routes.contains(where: { $0.name == route }) {
            out.append("expected route '\(route)' is not a route of the rulebook" + Suggestion.hint(for: route, in: rulebook.routes.map(\.name), listAll: false))
        }
        if case .name(let pool)? = rule.expect.pool, rulebook.poolIndex[pool] == nil {
            out.append("expected pool '\(pool)' is not a pool of the rulebook" + Suggestion.hint(for: pool, in: rulebook.pools.map(\.name), listAll: false))
        }
        switch rule.expect.owner {
        case .oneOf(let ids)?, .noneOf(let ids)?: for id in ids { owner(id, "expected owner") }
        default: break
        }
        return out
    }

    /// What the decision got wrong, in words; empty when every expectation holds.
    static func mismatches(_ expect: Expectations, _ decision: Decision, rulebook: Rulebook) -> [String] {
        var out: [String] = []
        func compare(_ what: String, _ expected: Named?, _ got: String?) {
            guard let expected, expected != Named(got) else { return }
            out.append("expected \(what) \(expected), got \(got ?? "none")")
        }
        compare("route", expect.route, decision.route)
        compare("pool", expect.pool, decision.pool)
        compare("exception", expect.exception, decision.reason?.code)
        if let mode = expect.mode {
            let got = decision.route.flatMap { name in rulebook.routes.first { $0.name == name }?.mode }
            if got != mode { out.append("expected mode \(mode.rawValue), got " + (got.map(\.rawValue) ?? "none (no route matched)")) }
        }
        if let owner = expect.owner {
            let holds = switch owner {
            case .oneOf(let ids): decision.owner.map(ids.contains) ?? false
            case .noneOf(let ids): !(decision.owner.map(ids.contains) ?? false)
            case .nobody: decision.owner == nil
            }
            if !holds {
                let got = decision.owner.map { decision.isAssigned ? $0 : "\($0) (proposed)" } ?? "none"
                out.append("expected owner \(owner), got \(got)")
            }
        }
        return out
    }
}

/// One case's outcome: the decision (nil when the case names what the rulebook lacks) and what did not
/// hold.
public struct RuleCaseResult: Sendable {
    public var rule: RuleCase
    public var decision: Decision?
    public var failures: [String]

    public var passed: Bool { failures.isEmpty }
}
