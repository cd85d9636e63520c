import Foundation
import Yams

/// Reads `when:` mappings into `Condition` values, checking each test against its field's kind.
extension RulebookReader {
    static let conditionExample = "{country: [DE, FR], employees: \">= 1000\"}"
    static let groupKeys = ["any", "all", "not"]

    /// A `when:` mapping: several keys are an implicit `all`; a single key is just that condition.
    mutating func readCondition(_ node: Node, in what: String) -> Condition? {
        if node.isNull { return .always }
        guard let entries = entries(node, "when of \(what)", example: Self.conditionExample) else { return nil }
        var parts: [Condition] = []
        var ok = true
        for entry in entries {
            let part: Condition?
            switch entry.key {
            case "any", "all":
                part = group(entry, in: what)
            case "not":
                if case .mapping = entry.value {
                    part = readCondition(entry.value, in: what).map(Condition.not)
                } else {
                    log.error("'not' takes a mapping of conditions, e.g. not: {country: US}; found \(entry.value.shapeText)", at: entry.value.spot)
                    part = nil
                }
            default:
                if let field = LeadField(name: entry.key) {
                    part = fieldTest(entry.value, field).map { .field(field, $0) }
                } else {
                    let names = LeadField.named.map(\.name) + Self.groupKeys
                    let hint = Suggestion.closest(to: entry.key, in: names).map { "; did you mean '\($0)'?" }
                        ?? "; use a lead field such as country or employees, attributes.NAME, or any, all, not"
                    log.error("unknown field '\(entry.key)' in when of \(what)\(hint)", at: entry.keyNode.spot)
                    part = nil
                }
            }
            if let part { parts.append(part) } else { ok = false }
        }
        guard ok else { return nil }
        switch parts.count {
        case 0: return .always
        case 1: return parts[0]
        default: return .all(parts)
        }
    }

    /// `any: [...]` or `all: [...]`, each item a `when:` mapping.
    private mutating func group(_ entry: Entry, in what: String) -> Condition? {
        let example = "\(entry.key): [{country: US}, {employees: \">= 500\"}]"
        guard let items = list(entry.value, "'\(entry.key)'", example: example) else { return nil }
        guard !items.isEmpty else {
            log.error("'\(entry.key)' needs at least one condition, e.g. \(example)", at: entry.value.spot)
            return nil
        }
        let parts = items.map { item -> Condition? in
            guard case .mapping = item else {
                log.error("each item of '\(entry.key)' is a mapping of conditions such as {country: US}; found \(item.shapeText)", at: item.spot)
                return nil
            }
            return readCondition(item, in: what)
        }
        let conditions = parts.compactMap { $0 }
        guard conditions.count == parts.count else { return nil }
        return entry.key == "any" ? .any(conditions) : .all(conditions)
    }

    /// The test written as a field's value.
    private mutating func fieldTest(_ node: Node, _ field: LeadField) -> FieldTest? {
        switch node {
        case .sequence(let items):
            return oneOf(Array(items), node, field)
        case .mapping:
            return operatorTest(node, field)
        case .scalar:
            return scalarTest(node, field)
        case .alias:
            log.error("\(field) cannot take an alias here", at: node.spot)
            return nil
        }
    }

    private mutating func scalarTest(_ node: Node, _ field: LeadField) -> FieldTest? {
        guard let s = node.scalarText, !node.isNull else {
            log.error("\(field) needs a value, e.g. \(Self.example(for: field)); use {exists: false} to match leads without one", at: node.spot)
            return nil
        }
        if field.kind == .time {
            log.error("\(field) is a time field; only {exists: true} or {exists: false} apply", at: node.spot)
            return nil
        }
        // Comparisons only come from text: a YAML number never starts with an operator.
        let numeric = field.kind == .number || Self.isAttribute(field)
        if node.hasTag(.str), field.kind != .flag {
            let t = s.trimmingCharacters(in: .whitespaces)
            if let (op, rest) = Self.comparison(t) {
                if numeric { return compare(op, rest, t, node) }
                // "< 200" on a text field is a mistake; "<none>" is just text.
                if NumberText.parse(rest) != nil { return textFieldMisuse(field, node) }
            } else if t.lowercased().hasPrefix("between ") {
                if numeric { return between(t, node) }
                return textFieldMisuse(field, node)
            }
        }
        return scalarValue(node, field).map(FieldTest.equals)
    }

    private mutating func textFieldMisuse(_ field: LeadField, _ node: Node) -> FieldTest? {
        log.error("\(field) is a text field; compare it with a value or a list, e.g. \(field): \(Self.example(for: field))", at: node.spot)
        return nil
    }

    private mutating func compare(_ op: Comparison, _ rest: String, _ text: String, _ node: Node) -> FieldTest? {
        if let n = NumberText.parse(rest) { return .compare(op, n) }
        log.error("bad number '\(rest)' in '\(text)'; write e.g. '>= 1000' or '< 1.5m'", at: node.spot)
        return nil
    }

    private mutating func between(_ text: String, _ node: Node) -> FieldTest? {
        let body = text.dropFirst("between ".count)
        let ends = body.components(separatedBy: " and ").flatMap { $0.components(separatedBy: " AND ") }
        guard ends.count == 2, let lo = NumberText.parse(ends[0]), let hi = NumberText.parse(ends[1]) else {
            log.error("bad range '\(text)'; write e.g. 'between 50 and 200'", at: node.spot)
            return nil
        }
        guard lo <= hi else {
            log.error("bad range '\(text)': \(NumberText.plain(lo)) is larger than \(NumberText.plain(hi)); write the smaller number first", at: node.spot)
            return nil
        }
        return .between(lo, hi)
    }

    private mutating func oneOf(_ items: [Node], _ node: Node, _ field: LeadField) -> FieldTest? {
        guard !items.isEmpty else {
            log.error("empty list for \(field); list at least one value", at: node.spot)
            return nil
        }
        var values: [Scalar] = []
        for item in items {
            guard item.scalarText != nil, !item.isNull else {
                log.error("list items for \(field) must be single values; found \(item.shapeText)", at: item.spot)
                continue
            }
            if let v = scalarValue(item, field) { values.append(v) }
        }
        return values.count == items.count ? .oneOf(values) : nil
    }

    /// `{matches: REGEX}`, `{exists: BOOL}`, `{not: VALUE}` or `{in: [...]}`.
    private mutating func operatorTest(_ node: Node, _ field: LeadField) -> FieldTest? {
        let keys = ["matches", "exists", "not", "in"]
        guard let f = fields(node, "test on \(field)", allowed: keys, example: "{matches: '^acme'}") else { return nil }
        let given = f.keys
        guard given.count == 1, let key = given.first else {
            if given.count > 1 {
                log.error("a test on \(field) takes exactly one of matches, exists, not, in; found \(given.joined(separator: ", "))", at: node.spot)
            } else if case .mapping(let m) = node, m.count == 0 {
                log.error("empty test on \(field); use one of matches, exists, not, in", at: node.spot)
            }
            return nil
        }
        guard let value = f[key] else {
            log.error("'\(key)' on \(field) needs a value", at: f.keySpot(key) ?? node.spot)
            return nil
        }
        switch key {
        case "matches":
            return pattern(value, field)
        case "exists":
            return bool(value, "exists on \(field)").map(FieldTest.exists)
        case "not":
            return fieldTest(value, field).map(FieldTest.not)
        default:
            guard let items = list(value, "'in' on \(field)", example: "in: [DE, FR]") else { return nil }
            return oneOf(items, value, field)
        }
    }

    private mutating func pattern(_ node: Node, _ field: LeadField) -> FieldTest? {
        guard field.kind == .text else {
            log.error("matches works on text fields; \(field) is a \(field.kind) field", at: node.spot)
            return nil
        }
        // Not trimmed: spaces can matter in a pattern.
        guard text(node, "matches on \(field)") != nil, let source = node.scalarText else { return nil }
        do {
            return .matches(try Pattern(source))
        } catch {
            log.error("bad regular expression '\(source)': \(Self.regexMessage(source, error))", at: node.spot)
            return nil
        }
    }

    /// Foundation's regex error on Linux says only "the value is invalid"; Swift's own parser says what is wrong.
    private static func regexMessage(_ source: String, _ error: any Error) -> String {
        do {
            _ = try Regex(source)
        } catch {
            return "\(error)"
        }
        return (error as NSError).localizedDescription
    }

    /// A literal for equals / oneOf, typed by the field.
    private mutating func scalarValue(_ node: Node, _ field: LeadField) -> Scalar? {
        let s = (node.scalarText ?? "").trimmingCharacters(in: .whitespaces)
        switch field.kind {
        case .flag:
            if let b = Self.flag(node) { return .flag(b) }
            log.error("\(field) is a true/false field; write true or false, not '\(s)'", at: node.spot)
            return nil
        case .number:
            if let n = Self.yamlNumber(node) { return .number(n) }
            if let n = NumberText.parse(s) { return .number(n) }
            log.error("\(field) is a number field; use a number or a comparison such as '>= 1000', not '\(s)'", at: node.spot)
            return nil
        case .time:
            log.error("\(field) is a time field; only {exists: true} or {exists: false} apply", at: node.spot)
            return nil
        case .text:
            if Self.isAttribute(field) {
                // Attributes keep the YAML type; "yes"/"no" stay text there.
                if let n = Self.yamlNumber(node) { return .number(n) }
                if let b = Self.flag(node), ["true", "false"].contains(s.lowercased()) { return .flag(b) }
                return .text(s)
            }
            switch field {
            case .country:
                if let code = CountryCodes.code(for: s) { return .text(code) }
                let hint = Suggestion.closest(to: s, in: CountryCodes.names.values).map { "; did you mean '\($0)'?" }
                    ?? "; use a country name or ISO code such as DE"
                log.warning("unknown country '\(s)'\(hint)", at: node.spot)
                return .text(s)
            case .emailDomain, .websiteDomain:
                return .text(s.lowercased())
            default:
                return .text(s)
            }
        }
    }

    /// A value YAML itself typed as a number (`1000`, `2.5`), not quoted text.
    private static func yamlNumber(_ node: Node) -> Double? {
        if node.hasTag(.int), let i = node.int { return Double(i) }
        if node.hasTag(.float), let d = node.float, d.isFinite { return d }
        return nil
    }

    private static func flag(_ node: Node) -> Bool? {
        if let b = node.bool { return b }
        switch node.scalarText?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    private static func isAttribute(_ field: LeadField) -> Bool {
        if case .attribute = field { return true }
        return false
    }

    /// The operator a comparison starts with, longest first, and the text after it.
    static func comparison(_ text: String) -> (Comparison, String)? {
        for op in [Comparison.greaterOrEqual, .lessOrEqual, .notEqual, .greaterThan, .lessThan, .equal] where text.hasPrefix(op.rawValue) {
            return (op, String(text.dropFirst(op.rawValue.count)).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    static func example(for field: LeadField) -> String {
        switch field.kind {
        case .number: "\">= 1000\""
        case .flag: "true"
        case .time: "{exists: true}"
        case .text: field == .country ? "[DE, FR]" : "[a, b]"
        }
    }
}
