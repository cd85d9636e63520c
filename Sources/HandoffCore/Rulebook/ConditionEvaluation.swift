/// Evaluating conditions against a lead, and saying in words why they held or failed.
extension Condition {
    @inline(__always)
    public func holds(_ lead: NormalizedLead, _ facts: LeadFacts) -> Bool {
        switch self {
        case .always: return true
        case .all(let parts): return parts.allSatisfy { $0.holds(lead, facts) }
        case .any(let parts): return parts.contains { $0.holds(lead, facts) }
        case .not(let inner): return !inner.holds(lead, facts)
        case .field(let field, let test):
            // Text tests read the field's string directly, without wrapping it in a FieldValue.
            if case .oneOf(let scalars) = test, let text = lead.text(of: field) {
                return scalars.contains { if case .text(let folded, _) = $0 { Fold.equal(text, folded: folded) } else { $0.matches(.text(text)) } }
            }
            return test.holds(lead.value(of: field, facts: facts))
        }
    }

    /// The facts that made this condition hold, as short phrases: `["country DE", "employees 4,200 >= 1000"]`.
    /// Call only when `holds` is true.
    public func reasons(_ lead: NormalizedLead, _ facts: LeadFacts) -> [MatchFact] {
        var out: [MatchFact] = []
        collectReasons(lead, facts, into: &out)
        return out
    }

    private func collectReasons(_ lead: NormalizedLead, _ facts: LeadFacts, into out: inout [MatchFact]) {
        switch self {
        case .always: break
        case .all(let parts): for part in parts { part.collectReasons(lead, facts, into: &out) }
        case .any(let parts): parts.first { $0.holds(lead, facts) }?.collectReasons(lead, facts, into: &out)
        case .not(let inner): out.append(MatchFact(field: "not", test: "(" + inner.text + ")"))
        case .field(let field, let test): out.append(test.fact(field: field, value: lead.value(of: field, facts: facts)))
        }
    }

    /// Why this condition did not hold: the first part that failed, or nil when it holds.
    public func failure(_ lead: NormalizedLead, _ facts: LeadFacts) -> String? {
        switch self {
        case .always: return nil
        case .all(let parts):
            for part in parts { if let why = part.failure(lead, facts) { return why } }
            return nil
        case .any(let parts):
            if parts.contains(where: { $0.holds(lead, facts) }) { return nil }
            return "none of: " + parts.compactMap { $0.failure(lead, facts) }.joined(separator: "; ")
        case .not(let inner):
            return inner.holds(lead, facts) ? "\(inner.text) holds" : nil
        case .field(let field, let test):
            let value = lead.value(of: field, facts: facts)
            if test.holds(value) { return nil }
            if case .equals(.flag(let wanted)) = test { return wanted ? "no " + field.label : field.label }
            return "\(field.name) is \(value.display), wanted \(test.text)"
        }
    }

    /// The condition as rulebook-like text: `country in [DE, FR] and employees >= 1000`.
    public var text: String {
        switch self {
        case .always: "always"
        case .all(let parts): parts.map(\.text).joined(separator: " and ")
        case .any(let parts): "(" + parts.map(\.text).joined(separator: " or ") + ")"
        case .not(let inner): "not (\(inner.text))"
        case .field(let field, let test): "\(field.name) \(test.text)"
        }
    }
}

extension FieldTest {
    @inline(__always)
    public func holds(_ value: FieldValue) -> Bool {
        switch self {
        case .equals(let scalar): scalar.matches(value)
        case .oneOf(let scalars): scalars.contains { $0.matches(value) }
        case .compare(let op, let bound): value.number.map { op.holds($0, bound) } ?? false
        case .between(let low, let high): value.number.map { $0 >= low && $0 <= high } ?? false
        case .matches(let pattern):
            if case .text(let s) = value { pattern.matches(s) } else { false }
        case .exists(let wanted):
            if case .missing = value { !wanted } else { wanted }
        case .not(let inner): !inner.holds(value)
        }
    }

    /// "equals DE", "in [DE, FR]", ">= 1000"
    public var text: String {
        switch self {
        case .equals(let s): "= \(s)"
        case .oneOf(let list): "in [" + list.map(\.description).joined(separator: ", ") + "]"
        case .compare(let op, let n): "\(op.rawValue) \(NumberText.plain(n))"
        case .between(let a, let b): "between \(NumberText.plain(a)) and \(NumberText.plain(b))"
        case .matches(let p): "matches /\(p.source)/"
        case .exists(let b): b ? "present" : "missing"
        case .not(let inner): "not \(inner.text)"
        }
    }

    /// The fact a value that passed this test records in a trace.
    func fact(field: LeadField, value: FieldValue) -> MatchFact {
        MatchFact(field: field.name, value: value, test: factTest)
    }

    /// The test as a match fact shows it: nil when the value alone says it (equals, one of).
    var factTest: String? {
        switch self {
        case .equals, .oneOf: nil
        case .exists(let present): present ? "present" : "missing"
        case .compare(let op, let bound): op.rawValue + " " + NumberText.plain(bound)
        default: text
        }
    }
}

extension MatchFact {
    /// A field's value that passed a test, with the test's text.
    @inline(__always)
    init(field: String, value: FieldValue, test: String?) {
        self.init(field: field, test: test)
        switch value {
        case .text(let s): text = s
        case .number(let n): number = n
        case .flag(let b): flag = b
        case .missing: break
        }
    }
}

extension Scalar {
    @inline(__always)
    func matches(_ value: FieldValue) -> Bool {
        switch (self, value) {
        case (_, .missing): false
        case (.text(let folded, _), .text(let s)): Fold.equal(s, folded: folded)
        case (.number(let n), .number(let v)): n == v
        case (.number(let n), .text(let s)): NumberText.parse(s) == n
        case (.text(let folded, _), .number(let v)): NumberText.plain(v) == folded
        case (.flag(let b), .flag(let v)): b == v
        case (.flag(let b), .text(let s)): Fold.equal(s, folded: b ? "true" : "false")
        default: false
        }
    }
}

extension FieldValue {
    /// Numbers as numbers; text (attributes) parsed the way imports parse numbers.
    @inline(__always)
    var number: Double? {
        switch self {
        case .number(let n): n
        case .text(let s): NumberText.parse(s)
        default: nil
        }
    }
}

/// Case-insensitive comparison against an already lower-cased string, without allocating for ASCII.
enum Fold {

    @inline(__always)
    static func equal(_ s: String, folded: String) -> Bool {
        let a = s.utf8, b = folded.utf8
        guard a.count == b.count else {
            // Lower-casing ASCII keeps its length: only a text with other letters can still fold equal.
            var t = s
            if t.withUTF8({ !$0.contains(where: { $0 >= 0x80 }) }) { return false }
            return s.lowercased() == folded
        }
        var ib = b.makeIterator()
        for x in a {
            guard let y = ib.next() else { return false }
            if x == y { continue }
            if x >= 0x80 || y >= 0x80 { return s.lowercased() == folded }
            if x >= 0x41 && x <= 0x5A && x | 0x20 == y { continue }
            return false
        }
        return true
    }
}
