/// A route's condition prepared for saying why it held or did not: the texts of its tests are worked out
/// once when the rulebook is indexed, not for every lead.
///
/// `facts` gives exactly what `Condition.reasons` gives for the same condition, `failure` exactly what
/// `Condition.failure` gives.
struct RouteReasons: Sendable {
    private indirect enum Part: Sendable {
        case always
        case all([Part])
        /// The first alternative whose condition holds gives the facts.
        case any([(condition: Condition, part: Part)])
        /// `not (inner)`: its one fact, and what is said when the inner condition holds.
        case not(Condition, fact: MatchFact, failure: String)
        case field(LeadField, name: String, test: FieldTest, factTest: String?, failure: FieldFailure)
    }

    /// How a failed field test reads: fixed for flags ("no matched account"), else around the value.
    private enum FieldFailure: Sendable {
        case fixed(String)
        /// "employees is " + value + ", wanted >= 1000"
        case around(String, String)
    }

    /// One field test of a condition that is only a conjunction of field tests (most routes).
    private struct Slot: Sendable {
        let field: LeadField
        let name: String
        let test: String?
    }

    private let root: Part
    /// The most facts the condition can give, so the list is allocated once.
    private let most: Int
    /// The same condition as a flat list when it has no `any` or `not`: every lead a route takes reads its
    /// facts, and walking the tree of boxed parts cost more than the facts themselves.
    private let slots: [Slot]?

    init(_ condition: Condition) {
        root = Self.part(condition)
        most = Self.most(root)
        slots = Self.slots(root)
    }

    private static func slots(_ part: Part) -> [Slot]? {
        switch part {
        case .always: return []
        case .field(let field, let name, _, let test, _): return [Slot(field: field, name: name, test: test)]
        case .all(let parts):
            var out: [Slot] = []
            for p in parts {
                guard let inner = slots(p) else { return nil }
                out += inner
            }
            return out
        case .any, .not: return nil
        }
    }

    private static func part(_ c: Condition) -> Part {
        switch c {
        case .always:
            return .always
        case .all(let parts):
            return .all(parts.map(part))
        case .any(let parts):
            return .any(parts.map { ($0, part($0)) })
        case .not(let inner):
            return .not(inner, fact: MatchFact(field: "not", test: "(" + inner.text + ")"), failure: "\(inner.text) holds")
        case .field(let field, let test):
            let failure: FieldFailure
            if case .equals(.flag(let wanted)) = test {
                failure = .fixed(wanted ? "no " + field.label : field.label)
            } else {
                failure = .around(field.name + " is ", ", wanted " + test.text)
            }
            return .field(field, name: field.name, test: test, factTest: test.factTest, failure: failure)
        }
    }

    private static func most(_ part: Part) -> Int {
        switch part {
        case .always: 0
        case .all(let parts): parts.reduce(0) { $0 + most($1) }
        case .any(let alternatives): alternatives.map { most($0.part) }.max() ?? 0
        case .not, .field: 1
        }
    }

    /// The facts that made the condition hold. Call only when it holds.
    func facts(_ lead: NormalizedLead, _ facts: LeadFacts) -> [MatchFact] {
        var out: [MatchFact] = []
        if most > 0 { out.reserveCapacity(most) }
        if let slots {
            for i in slots.indices {
                // Each fact built whole in the list: building it and then setting its value copied it twice.
                switch lead.value(of: slots[i].field, facts: facts) {
                case .text(let t): out.append(MatchFact(field: slots[i].name, text: t, test: slots[i].test))
                case .number(let n): out.append(MatchFact(field: slots[i].name, number: n, test: slots[i].test))
                case .flag(let b): out.append(MatchFact(field: slots[i].name, flag: b, test: slots[i].test))
                case .missing: out.append(MatchFact(field: slots[i].name, test: slots[i].test))
                }
            }
        } else {
            Self.collect(root, lead, facts, into: &out)
        }
        return out
    }

    private static func collect(_ part: Part, _ lead: NormalizedLead, _ facts: LeadFacts, into out: inout [MatchFact]) {
        switch part {
        case .always: break
        case .all(let parts): for p in parts { collect(p, lead, facts, into: &out) }
        case .any(let alternatives):
            if let held = alternatives.first(where: { $0.condition.holds(lead, facts) }) { collect(held.part, lead, facts, into: &out) }
        case .not(_, let fact, _): out.append(fact)
        case .field(let field, let name, _, let test, _): out.append(MatchFact(field: name, value: lead.value(of: field, facts: facts), test: test))
        }
    }

    /// A text a decision about this route may hold: a fact's field or test, a fixed failure, or the two
    /// pieces a failure is worded between (`DecisionWords`).
    enum Piece {
        case word(String)
        case around(String, String)
    }

    /// Every piece the condition's facts and failures are made of, in order.
    var pieces: [Piece] {
        var out: [Piece] = []
        Self.pieces(root, into: &out)
        return out
    }

    private static func pieces(_ part: Part, into out: inout [Piece]) {
        switch part {
        case .always: break
        case .all(let parts): for p in parts { pieces(p, into: &out) }
        case .any(let alternatives): for a in alternatives { pieces(a.part, into: &out) }
        case .not(_, let fact, let failure):
            out.append(.word(fact.field))
            if let test = fact.test { out.append(.word(test)) }
            out.append(.word(failure))
        case .field(_, let name, _, let test, let failure):
            out.append(.word(name))
            if let test { out.append(.word(test)) }
            switch failure {
            case .fixed(let text): out.append(.word(text))
            case .around(let before, let after): out.append(.around(before, after))
            }
        }
    }

    /// Why the condition did not hold: the first part that failed, or nil when it holds.
    func failure(_ lead: NormalizedLead, _ facts: LeadFacts) -> String? { Self.failure(root, lead, facts) }

    private static func failure(_ part: Part, _ lead: NormalizedLead, _ facts: LeadFacts) -> String? {
        switch part {
        case .always:
            return nil
        case .all(let parts):
            for p in parts { if let why = failure(p, lead, facts) { return why } }
            return nil
        case .any(let alternatives):
            if alternatives.contains(where: { $0.condition.holds(lead, facts) }) { return nil }
            return "none of: " + alternatives.compactMap { failure($0.part, lead, facts) }.joined(separator: "; ")
        case .not(let inner, _, let holds):
            return inner.holds(lead, facts) ? holds : nil
        case .field(let field, _, let test, _, let says):
            let value = lead.value(of: field, facts: facts)
            if test.holds(value) { return nil }
            switch says {
            case .fixed(let text): return text
            case .around(let before, let after): return before + value.display + after
            }
        }
    }
}
