extension String {
    /// The text without leading and trailing spaces and tabs (what `CharacterSet.whitespaces` holds),
    /// the same string when there are none: Foundation's trimming goes through NSString, which cost a
    /// long test file a tenth of its reading time.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = scalars.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !Self.isSpace($0) })!
        return String(scalars[start...end])
    }

    /// Horizontal white space: space, tab and the Unicode space separators, as `.whitespaces` has them.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}
