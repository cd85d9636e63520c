import Foundation

/// Turns a lead as received into a `NormalizedLead`. Pure, and cheap when the input is already clean:
/// the fast paths return the same string without copying.
public enum Normalizer {
    public static func normalize(_ lead: Lead) -> NormalizedLead {
        var problems: [FieldProblem] = []
        let email = text(lead.email).map(lowerASCII)
        let employees = number(lead.employees, field: "employees", problems: &problems)
        let revenue = number(lead.annualRevenue, field: "annual_revenue", problems: &problems)
        let score = number(lead.score, field: "score", problems: &problems)
        return NormalizedLead(
            id: lead.id,
            externalId: text(lead.externalId),
            source: text(lead.source),
            receivedAt: lead.receivedAt,
            email: email,
            emailDomain: email.flatMap(emailDomain),
            firstName: text(lead.firstName),
            lastName: text(lead.lastName),
            title: text(lead.title),
            company: text(lead.company),
            websiteDomain: text(lead.website).flatMap(domain),
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
        guard let s else { return nil }
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return nil }
        if !isSpace(first) && !isSpace(last) { return s }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xA0 }

    /// ASCII lower case, without copying when there is nothing to change.
    @inline(__always)
    public static func lowerASCII(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) { return s }
        return s.lowercased()
    }

    private static func number(_ raw: String?, field: String, problems: inout [FieldProblem]) -> Double? {
        guard let s = text(raw) else { return nil }
        if let n = Double(s) { return n }
        if let n = NumberText.parse(s) { return n }
        problems.append(FieldProblem(field: field, value: s, message: "not a number"))
        return nil
    }

    /// The part after the last "@", if the address has one.
    public static func emailDomain(_ email: String) -> String? {
        guard let at = email.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        let d = email[email.utf8.index(after: at)...]
        return d.isEmpty ? nil : String(d)
    }

    /// "https://www.Acme.com/about" -> "acme.com". Nil when nothing domain-like is left.
    public static func domain(_ raw: String) -> String? {
        var s = Substring(lowerASCII(raw.trimmingCharacters(in: .whitespacesAndNewlines)))
        if let scheme = s.range(of: "://") { s = s[scheme.upperBound...] }
        if let at = s.lastIndex(of: "@") { s = s[s.index(after: at)...] }
        if let end = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" }) { s = s[..<end] }
        while s.hasSuffix(".") { s = s.dropLast() }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        guard s.contains("."), !s.contains(" ") else { return nil }
        return String(s)
    }
}
