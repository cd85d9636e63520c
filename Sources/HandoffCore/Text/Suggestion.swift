/// "Did you mean" for misspelt names: the closest candidate by edit distance, if close enough to be a typo.
public enum Suggestion {
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        // A third of the word, 1 to 3 edits: "pol" -> "pool", but not "id" -> "weight".
        let limit = max(1, min(3, w.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased().unicodeScalars))
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// "; did you mean 'x'?" or, when nothing is close, "; use one of: a, b, c" (empty when `listAll` is false).
    public static func hint(for word: String, in candidates: [String], listAll: Bool = true) -> String {
        if let match = closest(to: word, in: candidates) { return "; did you mean '\(match)'?" }
        return listAll && !candidates.isEmpty ? "; use one of: " + candidates.joined(separator: ", ") : ""
    }

    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("memebrs").
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
