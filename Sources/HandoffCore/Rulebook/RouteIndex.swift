/// Narrows the routes worth testing for a lead, without changing which route wins.
///
/// Most rulebooks split routes by one field (country, region, segment). A route whose condition
/// requires that field to equal one of a few texts can only match leads with one of those values, so
/// for each value the index keeps the ordered list of routes that can match it: the routes requiring
/// that value plus every route that does not constrain the field. A lead then tests a handful of
/// routes instead of all of them, in the same order, so the first match is the same.
public struct RouteIndex: Sendable {
    /// The field routes are indexed by, or nil when no field is worth it.
    public let field: LeadField?
    /// Value in lower case -> candidate route positions, ascending (a table hashed for short keys: every
    /// lead is looked up).
    private let byValue: StringTable<[Int]>
    /// Routes that do not constrain the field, for leads whose value no route names.
    private let unconstrained: [Int]
    /// Each route's condition as flat checks.
    private let compiled: [CompiledCondition]
    /// The same, less the check on the indexed field that put the route under a value: what a lead found
    /// under that value still has to pass.
    private let narrowed: [CompiledCondition]

    public init(routes: [Route]) {
        compiled = routes.map { CompiledCondition($0.when) }
        // Pick the field that the most routes constrain to a fixed set of texts.
        var counts: [LeadField: Int] = [:]
        for route in routes { for field in Self.constrainedFields(route.when) { counts[field, default: 0] += 1 } }
        guard let (field, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.name > $1.key.name) }),
              count >= 2 else {
            self.field = nil
            byValue = StringTable()
            unconstrained = Array(routes.indices)
            narrowed = compiled
            return
        }
        var byValue: [CaselessKey: [Int]] = [:]
        var unconstrained: [Int] = []
        var required: [[String]?] = []
        for route in routes {
            let values = Self.values(route.when, field: field)
            required.append(values)
            for v in values ?? [] where byValue[CaselessKey(v)] == nil { byValue[CaselessKey(v)] = [] }
        }
        for (r, values) in required.enumerated() {
            if let values {
                for v in Set(values.map(CaselessKey.init)) { byValue[v]!.append(r) }
            } else {
                unconstrained.append(r)
                for key in byValue.keys { byValue[key]!.append(r) }
            }
        }
        self.field = field
        var table = StringTable<[Int]>(minimumCapacity: byValue.count)
        for (key, routes) in byValue { table.set(routes.sorted(), for: key.text.lowercased()) }
        self.byValue = table
        self.unconstrained = unconstrained
        narrowed = zip(compiled, required).map { condition, values in
            values.map { condition.without(field, values: Set($0)) } ?? condition
        }
    }

    /// The position of the first route whose condition holds, as a plain scan in order would find it.
    @inline(__always)
    public func firstMatch(_ lead: NormalizedLead, _ facts: LeadFacts, routes: [Route]) -> Int? {
        let candidates: [Int]
        if let field {
            if case .text(let value) = lead.value(of: field, facts: facts), let listed = byValue.value(forCaseless: value) {
                // Every route listed under the lead's value either requires that value (checked by the
                // lookup) or does not constrain the field.
                for r in listed where narrowed[r].holds(lead, facts) { return r }
                return nil
            }
            for r in unconstrained where compiled[r].holds(lead, facts) { return r }
            return nil
        }
        return compiled.firstIndex { $0.holds(lead, facts) }
    }

    /// Fields a condition requires to be one of a fixed set of texts.
    private static func constrainedFields(_ c: Condition) -> [LeadField] {
        switch c {
        case .field(let f, let test): texts(test) != nil ? [f] : []
        case .all(let parts): parts.flatMap(constrainedFields)
        default: []
        }
    }

    /// The folded texts `field` must equal for `c` to hold, or nil when `c` does not pin the field.
    private static func values(_ c: Condition, field: LeadField) -> [String]? {
        switch c {
        case .field(let f, let test) where f == field:
            return texts(test)
        case .all(let parts):
            // Any conjunct that pins the field pins the whole (an intersection would be tighter, a union is safe).
            for part in parts { if let v = values(part, field: field) { return v } }
            return nil
        default:
            return nil
        }
    }

    private static func texts(_ test: FieldTest) -> [String]? {
        func keys(_ s: Scalar) -> [String]? {
            if case .text(let folded, _) = s { return [folded] }
            return nil
        }
        switch test {
        case .equals(let s): return keys(s)
        case .oneOf(let list):
            var out: [String] = []
            for s in list { guard let k = keys(s) else { return nil }; out += k }
            return out
        default: return nil
        }
    }
}

/// A string key that hashes and compares without case, folding ASCII in place rather than allocating.
struct CaselessKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: CaselessKey, b: CaselessKey) -> Bool {
        let x = a.text.utf8, y = b.text.utf8
        guard x.count == y.count else {
            // ASCII keeps its length in lower case: a lookup meets keys of other lengths on every probe.
            if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) { return false }
            return a.text.lowercased() == b.text.lowercased()
        }
        var iy = y.makeIterator()
        for bx in x {
            let by = iy.next()!
            if bx == by { continue }
            if bx >= 0x80 || by >= 0x80 { return a.text.lowercased() == b.text.lowercased() }
            if bx | 0x20 != by | 0x20 || !(bx | 0x20 >= 0x61 && bx | 0x20 <= 0x7A) { return false }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in text.utf8 { hasher.combine(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        } else {
            hasher.combine(text.lowercased())
        }
    }
}
