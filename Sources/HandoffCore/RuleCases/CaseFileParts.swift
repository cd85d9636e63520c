/// A long test file cut into parts that read as YAML on their own, so they can be read side by side.
///
/// Cut only between items of the top-level `cases:` list: an item starts at a line holding the list's
/// dash at the list's own indentation, which no line inside an item can do (a block scalar, flow
/// collection or multi-line scalar inside an item must be indented further). Each part is the file's
/// head (the lines before `cases:`, so its default `at:` is read in every part), the `cases:` line,
/// blank lines up to its first item, and its items: every line keeps its number, so every position a
/// part reports is the file's.
///
/// Any file of another shape is not cut (nil): a document marker, a directive, a tab in an
/// indentation, a top-level key after `cases:`, a flow list. The whole-file reading handles those.
struct CaseFileParts {
    /// Each part's text, and the number its first case has in the whole file (1-based).
    var parts: [(text: String, firstCase: Int)]

    /// At least `minimumCases` items a part, at most `maximum` parts.
    init?(_ yaml: String, maximum: Int, minimumCases: Int = 500) {
        guard maximum > 1 else { return nil }
        let bytes = Array(yaml.utf8)
        // Line starts, in bytes.
        var starts: [Int] = [0]
        starts.reserveCapacity(bytes.count / 24)
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") && i + 1 < bytes.count { starts.append(i + 1) }

        func line(_ n: Int) -> ArraySlice<UInt8> {
            let end = n + 1 < starts.count ? starts[n + 1] : bytes.count
            return bytes[starts[n]..<end]
        }
        func indentation(_ l: ArraySlice<UInt8>) -> Int? {
            var count = 0
            for b in l {
                if b == UInt8(ascii: " ") { count += 1; continue }
                if b == UInt8(ascii: "\t") { return nil }
                return count
            }
            return count
        }
        /// Blank or a comment only.
        func isQuiet(_ l: ArraySlice<UInt8>) -> Bool {
            for b in l where b != UInt8(ascii: " ") && b != UInt8(ascii: "\r") && b != UInt8(ascii: "\n") {
                return b == UInt8(ascii: "#")
            }
            return true
        }
        func startsWith(_ l: ArraySlice<UInt8>, _ text: String) -> Bool { l.starts(with: text.utf8) }

        var casesLine: Int?
        for n in starts.indices {
            let l = line(n)
            if startsWith(l, "---") || startsWith(l, "...") || startsWith(l, "%") { return nil }
            guard let first = l.first, first != UInt8(ascii: " "), first != UInt8(ascii: "#"), !isQuiet(l) else { continue }
            if startsWith(l, "cases:") {
                // Nothing but a comment may follow on the line: `cases: [...]` is a flow list.
                guard isQuiet(l.dropFirst("cases:".utf8.count)) else { return nil }
                casesLine = n
                break
            }
        }
        guard let casesLine else { return nil }

        var itemIndent: Int?
        var items: [Int] = []
        for n in (casesLine + 1)..<starts.count {
            let l = line(n)
            if startsWith(l, "---") || startsWith(l, "...") { return nil }
            guard !isQuiet(l) else { continue }
            guard let indent = indentation(l) else { return nil }
            let rest = l.dropFirst(indent)
            let isDash = rest.first == UInt8(ascii: "-") && (rest.count == 1 || [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(rest[rest.startIndex + 1]))
            if itemIndent == nil {
                guard isDash else { return nil }
                itemIndent = indent
            }
            if indent == itemIndent, isDash {
                items.append(n)
            } else if indent < itemIndent! || (indent == itemIndent && !isDash) {
                // Another top-level key (or a dedent the list does not allow): not a shape to cut.
                return nil
            }
        }
        let count = min(maximum, items.count / minimumCases)
        guard count > 1 else { return nil }

        let head = String(decoding: bytes[0..<starts[casesLine]], as: UTF8.self) + String(decoding: line(casesLine), as: UTF8.self)
        let headEndsLine = bytes[starts[casesLine]..<(casesLine + 1 < starts.count ? starts[casesLine + 1] : bytes.count)].last == UInt8(ascii: "\n")
        guard headEndsLine else { return nil }
        var parts: [(String, Int)] = []
        for k in 0..<count {
            let first = items.count * k / count
            let end = items.count * (k + 1) / count
            let from = items[first]
            let to = end < items.count ? starts[items[end]] : bytes.count
            let padding = String(repeating: "\n", count: from - casesLine - 1)
            parts.append((head + padding + String(decoding: bytes[starts[from]..<to], as: UTF8.self), first + 1))
        }
        self.parts = parts
    }
}
