/// Whether one condition can only hold when another does, decided conservatively: `true` is always right,
/// `false` may just mean "could not tell". Used to spot routes an earlier route always takes first.
public enum ConditionImplication {
    /// Whenever `b` holds, `a` holds.
    public static func implies(_ b: Condition, _ a: Condition) -> Bool {
        if a == .always || a == b { return true }
        if case .all(let xs) = a { return xs.allSatisfy { implies(b, $0) } }
        if case .any(let ys) = b { return ys.allSatisfy { implies($0, a) } }
        if case .any(let xs) = a, xs.contains(where: { implies(b, $0) }) { return true }
        if case .all(let ys) = b, ys.contains(where: { implies($0, a) }) { return true }
        switch (b, a) {
        case (.not(let p), .not(let q)):
            return implies(q, p)
        case (.field(let fb, let tb), .field(let fa, let ta)) where fb == fa:
            return FieldTestImplication.implies(tb, ta)
        default:
            return false
        }
    }
}

/// The same question for two tests on one field's value.
enum FieldTestImplication {
    static func implies(_ b: FieldTest, _ a: FieldTest) -> Bool {
        if a == b { return true }
        switch (b, a) {
        case (_, .exists(true)):
            return isPositive(b)
        case (.not(let p), .not(let q)):
            return implies(q, p)
        case (_, .not(let q)):
            // b needs a value, and no value b allows passes q.
            return isPositive(b) && disjoint(b, q)
        default:
            break
        }
        if let bs = values(b), let as_ = values(a) { return bs.isSubset(of: as_) }
        if let bs = values(b), let range = NumberRange(a) {
            return bs.allSatisfy { if case .number(let n) = $0 { range.contains(n) } else { false } }
        }
        if let rb = NumberRange(b), let ra = NumberRange(a) { return ra.contains(rb) }
        if case .compare(.notEqual, let x) = a, let rb = NumberRange(b) { return !rb.contains(x) }
        return false
    }

    /// Tests that fail on a lead without the field.
    private static func isPositive(_ t: FieldTest) -> Bool {
        switch t {
        case .equals, .oneOf, .between, .matches, .exists(true): true
        case .compare(let op, _): op != .notEqual
        case .exists(false), .not: false
        }
    }

    /// No value passes both tests.
    private static func disjoint(_ x: FieldTest, _ y: FieldTest) -> Bool {
        if let xs = values(x), let ys = values(y) { return xs.isDisjoint(with: ys) }
        if let rx = NumberRange(x), let ry = NumberRange(y) { return !rx.overlaps(ry) }
        if let xs = values(x), let ry = NumberRange(y) {
            return xs.allSatisfy { if case .number(let n) = $0 { !ry.contains(n) } else { false } }
        }
        if let rx = NumberRange(x), let ys = values(y) {
            return ys.allSatisfy { if case .number(let n) = $0 { !rx.contains(n) } else { false } }
        }
        return false
    }

    /// The finite set of values a test accepts, compared as the router does (text case-insensitively).
    private static func values(_ t: FieldTest) -> Set<Key>? {
        switch t {
        case .equals(let v): [Key(v)]
        case .oneOf(let vs): Set(vs.map(Key.init))
        default: nil
        }
    }

    private enum Key: Hashable {
        case text(String), number(Double), flag(Bool)

        init(_ s: Scalar) {
            switch s {
            case .text(let folded, _): self = .text(folded)
            case .number(let n): self = .number(n)
            case .flag(let b): self = .flag(b)
            }
        }
    }

    /// A numeric interval, each end open or closed.
    private struct NumberRange {
        var low = -Double.infinity, lowIncluded = false
        var high = Double.infinity, highIncluded = false

        init?(_ t: FieldTest) {
            switch t {
            case .compare(.greaterOrEqual, let x): (low, lowIncluded) = (x, true)
            case .compare(.greaterThan, let x): low = x
            case .compare(.lessOrEqual, let x): (high, highIncluded) = (x, true)
            case .compare(.lessThan, let x): high = x
            case .compare(.equal, let x), .equals(.number(let x)): (low, lowIncluded, high, highIncluded) = (x, true, x, true)
            case .between(let x, let y): (low, lowIncluded, high, highIncluded) = (x, true, y, true)
            default: return nil
            }
        }

        func contains(_ n: Double) -> Bool {
            (n > low || (lowIncluded && n == low)) && (n < high || (highIncluded && n == high))
        }

        func contains(_ r: NumberRange) -> Bool {
            let lowOK = low < r.low || (low == r.low && (lowIncluded || !r.lowIncluded))
            let highOK = high > r.high || (high == r.high && (highIncluded || !r.highIncluded))
            return lowOK && highOK
        }

        func overlaps(_ r: NumberRange) -> Bool {
            let low = Swift.max(self.low, r.low), high = Swift.min(self.high, r.high)
            if low < high { return true }
            return low == high && contains(low) && r.contains(low)
        }
    }
}
