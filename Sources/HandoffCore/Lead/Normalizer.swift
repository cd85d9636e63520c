import Foundation

/// Turns a lead as received into a `NormalizedLead`. Pure, and cheap when the input is already clean:
/// the fast paths return the same string without copying.
public enum Normalizer {
    public static func normalize(_ lead: Lead) -> NormalizedLead {
        var problems: [FieldProblem] = []
        let email = text(lead.email).map(lowerASCII)
        let emailDomain = email.flatMap(emailDomain)
        let employees = number(lead.employees, field: "employees", problems: &problems)
        let revenue = number(lead.annualRevenue, field: "annual_revenue", problems: &problems)
        let score = number(lead.score, field: "score", problems: &problems)
        return NormalizedLead(
            id: lead.id,
            externalId: text(lead.externalId),
            source: text(lead.source),
            receivedAt: lead.receivedAt,
            email: email,
            emailDomain: emailDomain,
            firstName: text(lead.firstName),
            lastName: text(lead.lastName),
            title: text(lead.title),
            company: text(lead.company),
            websiteDomain: text(lead.website).flatMap { domain($0, sameAs: emailDomain) },
            phone: text(lead.phone),
            country: text(lead.country).map { CountryCodes.code(for: $0) ?? $0 },
            region: text(lead.region),
            postalCode: text(lead.postalCode),
            timezone: text(lead.timezone),
            employees: employees,
            annualRevenue: revenue,
            industry: text(lead.industry),
            score: score,
            attributes: lead.attributes,
            problems: problems
        )
    }

    /// Trimmed text, or nil when empty.
    @inline(__always)
    public static func text(_ s: String?) -> String? {
        guard var s else { return nil }
        // The common case, text with no space at either end, is told from its two end bytes read in place.
        let ends = s.withUTF8 { u -> Ends in
            guard let first = u.first, let last = u.last else { return .empty }
            return isSpace(first) || isSpace(last) ? .spaced : .clean
        }
        switch ends {
        case .clean: return s
        case .empty: return nil
        case .spaced: return trimmed(s)
        }
    }

    private enum Ends { case clean, empty, spaced }

    /// `text` for a value with white space or a non-ASCII byte at an end.
    private static func trimmed(_ s: String) -> String? {
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return nil }
        if first >= 0x80 || last >= 0x80, !edgeIsSpace(s) { return s }
        // ASCII white space is trimmed by bytes; anything else (no-break space, ideographic space)
        // goes through Foundation's full Unicode definition.
        if first < 0x80 && last < 0x80 {
            var lo = u.startIndex, hi = u.index(before: u.endIndex)
            while lo <= hi, isASCIISpace(u[lo]) { lo = u.index(after: lo) }
            while hi > lo, isASCIISpace(u[hi]) { hi = u.index(before: hi) }
            if lo > hi { return nil }
            let t = String(s[lo...hi])
            if let f = t.utf8.first, let l = t.utf8.last, !isSpace(f), !isSpace(l) { return t }
        }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// Whether the first or last character is white space (Unicode's definition, plus the byte-order mark).
    private static func edgeIsSpace(_ s: String) -> Bool {
        func space(_ c: Unicode.Scalar?) -> Bool { c.map { $0.properties.isWhitespace || $0 == "\u{FEFF}" } ?? false }
        return space(s.unicodeScalars.first) || space(s.unicodeScalars.last)
    }

    @inline(__always)
    private static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { isASCIISpace(b) || b >= 0x80 }

    /// ASCII lower case, without copying when there is nothing to change.
    @inline(__always)
    public static func lowerASCII(_ s: String) -> String {
        var s = s
        let (ascii, upper) = s.withUTF8 { u -> (Bool, Bool) in
            var high: UInt8 = 0, upper = false
            for b in u {
                high |= b
                upper = upper || (b >= 0x41 && b <= 0x5A)
            }
            return (high < 0x80, upper)
        }
        if ascii {
            guard upper else { return s }
            return s.withUTF8 { u in
                String(unsafeUninitializedCapacity: u.count) { out in
                    for (i, b) in u.enumerated() { out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                    return u.count
                }
            }
        }
        if !upper && !s.unicodeScalars.contains(where: changesWhenLowercased) { return s }
        return s.lowercased()
    }

    /// Latin-1 answered by its ranges (À to Þ but ×): asking the Unicode tables costs ~300 instructions a letter.
    @inline(__always)
    private static func changesWhenLowercased(_ v: Unicode.Scalar) -> Bool {
        let x = v.value
        if x < 0x80 { return x >= 0x41 && x <= 0x5A }
        if x < 0x100 { return x >= 0xC0 && x <= 0xDE && x != 0xD7 }
        return v.properties.changesWhenLowercased
    }

    private static func number(_ raw: String?, field: String, problems: inout [FieldProblem]) -> Double? {
        guard let s = text(raw) else { return nil }
        if let n = NumberText.parse(s) { return n }
        problems.append(FieldProblem(field: field, value: s, message: "not a number"))
        return nil
    }

    /// The part after the last "@", if the address has one.
    public static func emailDomain(_ email: String) -> String? {
        var email = email
        return email.withUTF8 { u in
            var at = u.count
            while at > 0 { at -= 1; if u[at] == UInt8(ascii: "@") { break } }
            guard at + 1 < u.count, u[at] == UInt8(ascii: "@") else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: u[(at + 1)...]), as: UTF8.self)
        }
    }

    /// "https://www.Acme.com/about" -> "acme.com". Nil when nothing domain-like is left.
    /// Works on bytes: this runs for every lead with a website.
    public static func domain(_ raw: String) -> String? { domain(raw, sameAs: nil) }

    /// The same, giving back `known` itself when the domain is the same text (most websites are the
    /// email's domain): no second copy of the text, and comparing the two is then immediate.
    static func domain(_ raw: String, sameAs known: String?) -> String? {
        var raw = raw
        let parsed: ParsedDomain
        if var k = known {
            parsed = raw.withUTF8 { bytes in k.withUTF8 { domain(bytes: bytes, known: $0) } }
        } else {
            parsed = raw.withUTF8 { domain(bytes: $0, known: nil) }
        }
        switch parsed {
        case .none: return nil
        case .known: return known
        case .text(let text): return text
        }
    }

    private enum ParsedDomain { case none, known, text(String) }

    private static func domain(bytes: UnsafeBufferPointer<UInt8>, known: UnsafeBufferPointer<UInt8>?) -> ParsedDomain {
        var lo = 0, hi = bytes.count
        while lo < hi, isASCIISpace(bytes[lo]) { lo += 1 }
        while hi > lo, isASCIISpace(bytes[hi - 1]) { hi -= 1 }
        // Scheme.
        if let colon = firstIndex(of: UInt8(ascii: ":"), in: bytes, lo, hi), colon + 2 < hi,
           bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") {
            lo = colon + 3
        }
        // Path, query, fragment, port; user info ends at the host's last "@".
        var end = lo, lastAt = -1
        while end < hi {
            let b = bytes[end]
            if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b == UInt8(ascii: ":") { break }
            if b == UInt8(ascii: "@") { lastAt = end }
            end += 1
        }
        hi = end
        if lastAt >= 0 { lo = lastAt + 1 }
        while hi > lo, bytes[hi - 1] == UInt8(ascii: ".") { hi -= 1 }
        if hi - lo > 4, bytes[lo] | 0x20 == UInt8(ascii: "w"), bytes[lo + 1] | 0x20 == UInt8(ascii: "w"),
           bytes[lo + 2] | 0x20 == UInt8(ascii: "w"), bytes[lo + 3] == UInt8(ascii: ".") {
            lo += 4
        }
        guard hi > lo else { return .none }
        // One pass tells the shape and whether it is `known`'s text in another case.
        var dot = false, upper = false, ascii = true
        var same = known.map { $0.count == hi - lo } ?? false
        for i in lo..<hi {
            let b = bytes[i]
            if b == UInt8(ascii: " ") { return .none }
            if b == UInt8(ascii: ".") { dot = true }
            let isUpper = b >= 0x41 && b <= 0x5A
            if isUpper { upper = true }
            if b >= 0x80 { ascii = false }
            if same, known![i - lo] != (isUpper ? b | 0x20 : b) { same = false }
        }
        guard dot else { return .none }
        let slice = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
        if !ascii { return .text(String(decoding: slice, as: UTF8.self).lowercased()) }
        if same { return .known }
        if !upper { return .text(String(decoding: slice, as: UTF8.self)) }
        return .text(String(unsafeUninitializedCapacity: slice.count) { out in
            for (i, b) in slice.enumerated() { out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            return slice.count
        })
    }

    @inline(__always)
    private static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int? {
        var i = lo
        while i < hi { if bytes[i] == byte { return i }; i += 1 }
        return nil
    }
}
