/// Finds the shape of regular expression that backtracks exponentially: a repeated group whose body
/// itself repeats without bound, as in `(a+)+`, `(\w+\s?)*` or `(x*){2,}`. On text that almost
/// matches ("aaaa…a!") the engine tries every way of splitting the run between the two repeats.
///
/// The check reads the pattern's text only: escapes and character classes are skipped, atomic groups
/// `(?>…)` and possessive repeats (`++`, `*+`) are safe because they never give back what they took.
public enum PatternRisk {
    /// The offending group as written (e.g. "(a+)+"), or nil when the pattern has no nested repeat.
    public static func nestedRepeat(in source: String) -> String? {
        let s = Array(source.unicodeScalars)
        // For each open group: where it starts, whether it is atomic, whether its body repeats unboundedly.
        var open: [(start: Int, atomic: Bool, repeats: Bool)] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                i += 2
                continue
            case "[":
                i = classEnd(s, from: i)
                continue
            case "(":
                let atomic = i + 2 < s.count && s[i + 1] == "?" && s[i + 2] == ">"
                open.append((i, atomic, false))
            case ")":
                guard let group = open.popLast() else { break }
                let quantifier = unboundedQuantifier(s, at: i + 1)
                if let end = quantifier, group.repeats, !group.atomic, !isPossessive(s, at: end) {
                    return String(String.UnicodeScalarView(s[group.start..<end]))
                }
                // A repeated group, or one holding a repeat, makes the group around it repeat too.
                if let outer = open.indices.last, group.repeats || quantifier != nil, !group.atomic {
                    open[outer].repeats = true
                }
            default:
                if let last = open.indices.last, unboundedQuantifier(s, at: i) != nil, i > 0, s[i - 1] != "(" {
                    open[last].repeats = true
                }
            }
            i += 1
        }
        return nil
    }

    /// The index after `*`, `+` or `{n,}` at `i`, or nil when there is none (or it is bounded, `{n,m}`).
    private static func unboundedQuantifier(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        guard i < s.count else { return nil }
        if s[i] == "*" || s[i] == "+" { return i + 1 }
        guard s[i] == "{" else { return nil }
        var j = i + 1
        while j < s.count, s[j].properties.numericType != nil { j += 1 }
        guard j > i + 1, j + 1 < s.count, s[j] == ",", s[j + 1] == "}" else { return nil }
        return j + 2
    }

    private static func isPossessive(_ s: [Unicode.Scalar], at i: Int) -> Bool { i < s.count && s[i] == "+" }

    /// The index after the character class opening at `i` (`]` first in a class is a literal).
    private static func classEnd(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var j = i + 1
        if j < s.count, s[j] == "^" { j += 1 }
        if j < s.count, s[j] == "]" { j += 1 }
        while j < s.count, s[j] != "]" {
            j += s[j] == "\\" ? 2 : 1
        }
        return j + 1
    }
}
