import Foundation

/// Country names and codes to ISO 3166-1 alpha-2: "Germany", "deutschland", "DEU", "de" -> "DE".
public enum CountryCodes {
    /// The alpha-2 code, or nil when the text names no known country.
    @inline(__always)
    public static func code(for text: String) -> String? {
        let u = text.utf8
        if u.count == 2, let a = u.first, let b = u.last, isLetter(a), isLetter(b) {
            // Already upper case is the common shape: no new string.
            let upper = a < 0x61 && b < 0x61 ? text : String(unsafeUninitializedCapacity: 2) { out in
                out[0] = a & 0xDF
                out[1] = b & 0xDF
                return 2
            }
            if isAlpha2[Int(a & 0xDF &- 0x41) * 26 + Int(b & 0xDF &- 0x41)] { return upper }
        }
        if let code = byExactName.value(for: text) { return code }
        return byName[fold(text)]
    }

    /// The English name of a code ("DE" -> "Germany").
    public static func name(of code: String) -> String? { names[code] }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    private static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: ".", with: "")
            .trimmingCharacters(in: .whitespaces)
    }

    private static let english = Locale(identifier: "en_US")

    /// `alpha2` as a table by the two letters (A = 0): a lookup without hashing the text, for every lead.
    private static let isAlpha2: [Bool] = {
        var table = Array(repeating: false, count: 26 * 26)
        for code in alpha2 {
            let u = Array(code.utf8)
            guard u.count == 2, u.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { continue }
            table[Int(u[0] - 0x41) * 26 + Int(u[1] - 0x41)] = true
        }
        return table
    }()

    static let alpha2: Set<String> = Set(Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 && $0.allSatisfy(\.isLetter) })

    static let names: [String: String] = {
        var out: [String: String] = [:]
        for code in alpha2 { out[code] = english.localizedString(forRegionCode: code) }
        return out
    }()

    /// Names people and CRMs use that are not the English short name.
    private static let aliases: [String: String] = [
        "usa": "US", "united states of america": "US", "america": "US", "us of a": "US", "u s a": "US",
        "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
        "northern ireland": "GB", "deutschland": "DE", "allemagne": "DE", "alemania": "DE", "espana": "ES",
        "españa": "ES", "italia": "IT", "nederland": "NL", "holland": "NL", "the netherlands": "NL",
        "schweiz": "CH", "suisse": "CH", "osterreich": "AT", "österreich": "AT", "brasil": "BR",
        "south korea": "KR", "korea": "KR", "republic of korea": "KR", "russia": "RU", "uae": "AE",
        "czech republic": "CZ", "czechia": "CZ", "turkey": "TR", "turkiye": "TR", "viet nam": "VN",
        "ivory coast": "CI", "hong kong": "HK", "macau": "MO", "taiwan": "TW", "polska": "PL", "sverige": "SE",
        "danmark": "DK", "norge": "NO", "suomi": "FI", "eire": "IE", "mexico": "MX", "méxico": "MX",
        // Alpha-3 codes seen in CRM exports.
        "usa ": "US", "gbr": "GB", "deu": "DE", "fra": "FR", "esp": "ES", "ita": "IT", "nld": "NL", "bel": "BE",
        "che": "CH", "aut": "AT", "swe": "SE", "nor": "NO", "dnk": "DK", "fin": "FI", "irl": "IE", "prt": "PT",
        "pol": "PL", "can": "CA", "mex": "MX", "bra": "BR", "arg": "AR", "aus": "AU", "nzl": "NZ", "jpn": "JP",
        "chn": "CN", "ind": "IN", "sgp": "SG", "kor": "KR", "zaf": "ZA", "are": "AE", "isr": "IL",
    ]

    /// Names as usually written ("Germany", "United States"), found without folding.
    /// Names as CRMs usually write them, in a table hashed for short keys: one lead in six or so names
    /// its country in full.
    private static let byExactName: StringTable<String> = {
        var out: [String: String] = [:]
        for (code, name) in names { out[name] = code }
        for (alias, code) in aliases {
            out[alias] = code
            out[alias.uppercased()] = code
            out[alias.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")] = code
        }
        var table = StringTable<String>(minimumCapacity: out.count)
        for (name, code) in out { table.set(code, for: name) }
        return table
    }()

    private static let byName: [String: String] = {
        var out: [String: String] = [:]
        for (code, name) in names { out[fold(name)] = code }
        for (alias, code) in aliases { out[fold(alias)] = code }
        return out
    }()
}
