/// A route's condition flattened for the hot path: a list of checks that must all pass.
///
/// `Condition` is a tree of indirect enums; walking it costs a retain and a switch per node and
/// wraps every value in a `FieldValue`. Most routes are a conjunction of "field is one of these
/// texts" and "number in this range", so those become flat checks that read the lead's fields
/// directly. Anything else is kept as the original condition and evaluated as before, so the
/// result is always the same as `Condition.holds`.
struct CompiledCondition: Sendable {
    enum Check: Sendable {
        case textIn(LeadField, [String])
        case number(NumberField, low: Double, high: Double, lowOpen: Bool, highOpen: Bool)
        case flag(LeadField, Bool)
        case general(Condition)
    }

    enum NumberField: Sendable { case employees, annualRevenue, score }

    let checks: [Check]

    init(_ condition: Condition) {
        var checks: [Check] = []
        CompiledCondition.flatten(condition, into: &checks)
        // All checks must pass and none has side effects, so their order is free: the cheap ones first,
        // so a failing number or flag spares the text comparisons (stable, so equal costs keep file order).
        self.checks = checks.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
    }

    private init(checks: [Check]) { self.checks = checks }

    /// The same checks less the one that requires `field` to be one of exactly `values`: what is left to
    /// test for a lead that the route index already found under one of those values.
    func without(_ field: LeadField, values: Set<String>) -> CompiledCondition {
        guard let i = checks.firstIndex(where: { if case .textIn(field, let folded) = $0 { Set(folded) == values } else { false } }) else { return self }
        var rest = checks
        rest.remove(at: i)
        return CompiledCondition(checks: rest)
    }

    @inline(__always)
    func holds(_ lead: NormalizedLead, _ facts: LeadFacts) -> Bool {
        for check in checks {
            switch check {
            case .textIn(let field, let folded):
                guard let text = lead.text(of: field) else { return false }
                var found = false
                for value in folded where Fold.equal(text, folded: value) { found = true; break }
                if !found { return false }
            case .number(let field, let low, let high, let lowOpen, let highOpen):
                let value: Double?
                switch field {
                case .employees: value = lead.employees
                case .annualRevenue: value = lead.annualRevenue
                case .score: value = lead.score
                }
                guard let v = value else { return false }
                if lowOpen ? !(v > low) : !(v >= low) { return false }
                if highOpen ? !(v < high) : !(v <= high) { return false }
            case .flag(let field, let wanted):
                let actual = field == .matchedAccount ? facts.account != nil : facts.freeEmail
                if actual != wanted { return false }
            case .general(let condition):
                if !condition.holds(lead, facts) { return false }
            }
        }
        return true
    }

    private static func flatten(_ condition: Condition, into checks: inout [Check]) {
        switch condition {
        case .always:
            break
        case .all(let parts):
            for part in parts { flatten(part, into: &checks) }
        case .field(let field, let test):
            checks.append(simple(field, test) ?? .general(condition))
        default:
            checks.append(.general(condition))
        }
    }

    private static func simple(_ field: LeadField, _ test: FieldTest) -> Check? {
        let numberField: NumberField? = switch field {
        case .employees: .employees
        case .annualRevenue: .annualRevenue
        case .score: .score
        default: nil
        }
        switch (test, numberField) {
        case (.equals(.text(let folded, _)), nil) where isPlainText(field):
            return .textIn(field, [folded])
        case (.oneOf(let scalars), nil) where isPlainText(field):
            var folded: [String] = []
            for scalar in scalars {
                guard case .text(let f, _) = scalar else { return nil }
                folded.append(f)
            }
            return .textIn(field, folded)
        case (.compare(let op, let bound), let number?):
            switch op {
            case .lessThan: return .number(number, low: -.infinity, high: bound, lowOpen: false, highOpen: true)
            case .lessOrEqual: return .number(number, low: -.infinity, high: bound, lowOpen: false, highOpen: false)
            case .greaterThan: return .number(number, low: bound, high: .infinity, lowOpen: true, highOpen: false)
            case .greaterOrEqual: return .number(number, low: bound, high: .infinity, lowOpen: false, highOpen: false)
            case .equal: return .number(number, low: bound, high: bound, lowOpen: false, highOpen: false)
            case .notEqual: return nil
            }
        case (.between(let low, let high), let number?):
            return .number(number, low: low, high: high, lowOpen: false, highOpen: false)
        case (.equals(.flag(let wanted)), nil) where field == .matchedAccount || field == .freeEmail:
            return .flag(field, wanted)
        default:
            return nil
        }
    }

    /// Fields `NormalizedLead.text(of:)` reads directly.
    private static func isPlainText(_ field: LeadField) -> Bool {
        switch field {
        case .country, .industry, .source, .region, .title, .company, .emailDomain, .websiteDomain, .postalCode, .email: true
        default: false
        }
    }
}

extension CompiledCondition.Check {
    /// Rough cost of a check, for ordering: a comparison of numbers or a flag, a few text comparisons,
    /// then a walk of a general condition.
    var cost: Int {
        switch self {
        case .flag, .number: 0
        case .textIn: 1
        case .general: 2
        }
    }
}
