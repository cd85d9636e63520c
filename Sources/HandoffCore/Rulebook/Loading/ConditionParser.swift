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
        if let group = PatternRisk.nestedRepeat(in: source) {
            log.error("regular expression '\(source)' repeats a group that itself repeats, \(group), which can take "
                + "minutes on text that almost matches; repeat only once (e.g. 'a+' for '(a+)+') or make the group "
                + "atomic with (?>...)", at: node.spot)
            return nil
        }
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
}
