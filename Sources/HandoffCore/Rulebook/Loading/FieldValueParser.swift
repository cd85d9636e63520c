import Foundation
import Yams

/// Reads one field's value in a `when:` mapping: literals typed by the field's kind, comparisons and ranges.
extension RulebookReader {
    mutating func scalarTest(_ node: Node, _ field: LeadField) -> FieldTest? {
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

    mutating func oneOf(_ items: [Node], _ node: Node, _ field: LeadField) -> FieldTest? {
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
