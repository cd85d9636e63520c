/// Header text reduced for comparison.
enum HeaderKey {
    /// Lower-case letters and digits only: "Zip/Postal Code", "zip_postal_code" and "ZipPostalCode" agree.
    static func loose(_ header: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(header.unicodeScalars.count)
        for scalar in header.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }

    /// Without surrounding white space (spreadsheets leave stray spaces in headers).
    static func trimmed(_ header: String) -> String {
        let scalars = header.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return header }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, scalars[lo].properties.isWhitespace { lo = scalars.index(after: lo) }
        while hi > lo, scalars[scalars.index(before: hi)].properties.isWhitespace { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }
}
