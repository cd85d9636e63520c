import Crypto
import Foundation
import Yams

/// The rulebook's version: a short hash of its content, blind to comments, key order and quoting.
enum RulebookVersion {
    /// First 12 hex digits of the SHA-256 of `canonicalText(root)`.
    static func of(_ root: Node) -> String {
        let digest = SHA256.hash(data: Data(canonicalText(root).utf8))
        return digest.map { String(format: "%02x", $0) }.joined().prefix(12).description
    }

    /// Mappings with keys sorted, lists in order, scalars as their quoted string value (`1` and `"1"` are
    /// the same), and YAML nulls (`~`, `null`, nothing) as one token.
    static func canonicalText(_ node: Node) -> String {
        var out = ""
        write(node, to: &out)
        return out
    }

    private static func write(_ node: Node, to out: inout String) {
        switch node {
        case .scalar(let s):
            if node.isNull && s.style == .plain { out += "null" } else { quote(s.string, to: &out) }
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .mapping(let mapping):
            let pairs = mapping.map { (canonicalText($0.key), $0.value) }.sorted { $0.0 < $1.0 }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                out += key + ":"
                write(value, to: &out)
            }
            out += "}"
        case .alias:
            out += "*"
        }
    }

    private static func quote(_ s: String, to out: inout String) {
        out += "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        out += "\""
    }
}
