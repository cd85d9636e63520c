import Foundation
import Yams

/// Reading typed values out of YAML nodes, logging a precise error when the shape or value is wrong.
extension RulebookReader {
    /// The entries of a mapping in file order; logs a wrong shape, non-text keys and repeated keys (at the repeat).
    mutating func entries(_ node: Node, _ what: String, example: String) -> [Entry]? {
        guard case .mapping(let mapping) = node else {
            log.error("\(what) must be a mapping, e.g. \(example); found \(node.shapeText)", at: node.spot)
            return nil
        }
        var out: [Entry] = []
        out.reserveCapacity(mapping.count)
        // Renamed first occurrences come back in file order, so the first one seen is the one kept. The
        // parser gives pairs in file order already; sorting is only for a mapping that is not.
        var pairs = mapping.map { (key: $0.key, value: $0.value, spot: $0.key.spot) }
        if zip(pairs, pairs.dropFirst()).contains(where: { $1.spot < $0.spot }) { pairs.sort { $0.spot < $1.spot } }
        // Most mappings hold a handful of keys: a repeat is looked for among the entries kept, and a
        // table is built only for a long mapping (a test file reads hundreds of thousands of mappings).
        var firstLine: [String: Int]? = pairs.count > 16 ? [:] : nil
        let renaming = !duplicates.renamed.isEmpty
        for (keyNode, value, spot) in pairs {
            guard case .scalar(let scalar) = keyNode, !keyNode.isNull else {
                log.error("keys in \(what) must be plain names; found \(keyNode.shapeText)", at: spot)
                continue
            }
            var key = scalar.string
            if renaming, let renamed = duplicates.renamed[key] {
                reportedDuplicates.insert(key)
                key = renamed.name
            }
            let earlier = firstLine != nil ? firstLine![key] : out.first { $0.key == key }?.keyNode.spot.line
            if let line = earlier {
                log.error("duplicate key '\(key)' in \(what); it was first given on line \(line)", at: spot)
                continue
            }
            firstLine?[key] = spot.line
            out.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        return out
    }

    /// A mapping with a fixed set of keys; unknown keys are errors with a suggestion.
    mutating func fields(_ node: Node, _ what: String, allowed: [String], example: String) -> Fields? {
        guard let entries = entries(node, what, example: example) else { return nil }
        var known: [Entry] = []
        for entry in entries {
            if allowed.contains(entry.key) {
                known.append(entry)
            } else {
                log.error("unknown key '\(entry.key)' in \(what)" + Suggestion.hint(for: entry.key, in: allowed), at: entry.keyNode.spot)
            }
        }
        return Fields(node: node, entries: known)
    }

    /// The value of a required key, or an error at the mapping when it is missing.
    mutating func required(_ fields: Fields, _ key: String, _ what: String, example: String) -> Node? {
        if let v = fields[key] { return v }
        log.error("\(what) needs '\(key)', e.g. \(example)", at: fields.keySpot(key) ?? fields.node.spot)
        return nil
    }

    /// The items of a list.
    mutating func list(_ node: Node, _ what: String, example: String) -> [Node]? {
        guard case .sequence(let items) = node else {
            log.error("\(what) must be a list, e.g. \(example); found \(node.shapeText)", at: node.spot)
            return nil
        }
        return Array(items)
    }

    /// Scalar text, not empty.
    mutating func text(_ node: Node, _ what: String) -> String? {
        guard let s = node.scalarText, !node.isNull else {
            log.error("\(what) must be a single value; found \(node.shapeText)", at: node.spot)
            return nil
        }
        let t = s.trimmingSpaces
        guard !t.isEmpty else {
            log.error("\(what) must not be empty", at: node.spot)
            return nil
        }
        return t
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        if let b = node.bool { return b }
        log.error("\(what) must be true or false; found \(node.shapeText)", at: node.spot)
        return nil
    }

    /// A whole number of at least 1.
    mutating func positiveInt(_ node: Node, _ what: String, hint: String = "") -> Int? {
        if node.hasTag(.int), let n = node.int, n > 0 { return n }
        log.error("\(what) must be a whole number of at least 1\(hint); found \(node.shapeText)", at: node.spot)
        return nil
    }

    /// A whole number from 1 to `maximum`: the owner picker multiplies weights and capacities by lead
    /// counts, and these ranges keep every product far inside 64 bits.
    mutating func positiveInt(_ node: Node, _ what: String, atMost maximum: Int, hint: String = "") -> Int? {
        if node.hasTag(.int), let n = node.int, n > 0, n <= maximum { return n }
        log.error("\(what) must be a whole number from 1 to \(NumberText.grouped(Double(maximum)))\(hint); found \(node.shapeText)", at: node.spot)
        return nil
    }

    /// One of a fixed set of words.
    mutating func choice<T: RawRepresentable>(_ node: Node, _ what: String, in context: String? = nil, _ options: [T]) -> T?
    where T.RawValue == String {
        guard let s = text(node, context.map { "\(what) in \($0)" } ?? what) else { return nil }
        if let v = options.first(where: { $0.rawValue == s }) { return v }
        let place = context.map { " in \($0)" } ?? ""
        log.error("unknown \(what) '\(s)'\(place)" + Suggestion.hint(for: s, in: options.map(\.rawValue)), at: node.spot)
        return nil
    }

    /// Seconds, from text such as `30m`.
    mutating func duration(_ node: Node, _ what: String) -> Int? {
        guard let s = text(node, what) else { return nil }
        if let seconds = DurationText.seconds(s) { return seconds }
        log.error("bad duration '\(s)' for \(what); use e.g. 30m, 4h, 2d", at: node.spot)
        return nil
    }

    /// An IANA time zone.
    mutating func zone(_ node: Node, _ what: String) -> ZoneClock? {
        guard let s = text(node, what) else { return nil }
        if let zone = ZoneClock(identifier: s) { return zone }
        var candidates = TimeZone.knownTimeZoneIdentifiers
        candidates.append("UTC")
        let hint = Suggestion.closest(to: s, in: candidates).map { "; did you mean '\($0)'?" } ?? "; use an IANA name such as Europe/Berlin or America/New_York"
        log.error("unknown time zone '\(s)'\(hint)", at: node.spot)
        return nil
    }

    /// A lead field name, with a suggestion when misspelt.
    mutating func leadField(_ node: Node, _ what: String, inputOnly: Bool) -> LeadField? {
        guard let s = text(node, what) else { return nil }
        let allowed = LeadField.named.filter { !inputOnly || $0.isInput }
        if let field = LeadField(name: s) {
            if !inputOnly || field.isInput { return field }
            log.error("'\(s)' is worked out by the router, not entered on a lead; \(what) takes fields such as email, company or country", at: node.spot)
            return nil
        }
        log.error("unknown field '\(s)' in \(what)" + Suggestion.hint(for: s, in: allowed.map(\.name), listAll: false), at: node.spot)
        return nil
    }
}
