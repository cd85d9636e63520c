/// A route's condition prepared for saying why it held: the texts of its tests are worked out once
/// when the rulebook is indexed, not for every lead the route matches.
///
/// `facts` gives exactly what `Condition.reasons` gives for the same condition.
struct RouteReasons: Sendable {
    private indirect enum Part: Sendable {
        case none
        case all([Part])
        /// The first alternative whose condition holds gives the facts.
        case any([(condition: Condition, part: Part)])
        case fixed(MatchFact)
        case field(LeadField, name: String, test: String?)
    }

    private let root: Part
    /// The most facts the condition can give, so the list is allocated once.
    private let most: Int

    init(_ condition: Condition) {
        root = Self.part(condition)
        most = Self.most(root)
    }

    private static func most(_ part: Part) -> Int {
        switch part {
        case .none: 0
        case .all(let parts): parts.reduce(0) { $0 + most($1) }
        case .any(let alternatives): alternatives.map { most($0.part) }.max() ?? 0
        case .fixed, .field: 1
        }
    }

    private static func part(_ c: Condition) -> Part {
        switch c {
        case .always: .none
        case .all(let parts): .all(parts.map(part))
        case .any(let parts): .any(parts.map { ($0, part($0)) })
        case .not(let inner): .fixed(MatchFact(field: "not", test: "(" + inner.text + ")"))
        case .field(let field, let test): .field(field, name: field.name, test: test.factTest)
        }
    }

    /// The facts that made the condition hold. Call only when it holds.
    func facts(_ lead: NormalizedLead, _ facts: LeadFacts) -> [MatchFact] {
        var out: [MatchFact] = []
        if most > 0 { out.reserveCapacity(most) }
        Self.collect(root, lead, facts, into: &out)
        return out
    }

    private static func collect(_ part: Part, _ lead: NormalizedLead, _ facts: LeadFacts, into out: inout [MatchFact]) {
        switch part {
        case .none: break
        case .all(let parts): for p in parts { collect(p, lead, facts, into: &out) }
        case .any(let alternatives):
            if let held = alternatives.first(where: { $0.condition.holds(lead, facts) }) { collect(held.part, lead, facts, into: &out) }
        case .fixed(let fact): out.append(fact)
        case .field(let field, let name, let test): out.append(MatchFact(field: name, value: lead.value(of: field, facts: facts), test: test))
        }
    }
}
