import Foundation

/// Numbers as people write them in CRM exports: "1,200", "1 200", "1.2k", "$4.5M", "3bn", "12%".
public enum NumberText {
    /// The value, or nil when the text holds no number. A band as CRMs offer them (HubSpot's employee
    /// counts `100-500`, `1,000 – 5,000`, `10k to 50k`) reads as its lower bound, the size the band
    /// vouches for: `100-500` is 100 (and `1000+` is 1000), so `employees >= 500` does not take a
    /// company of 100 to 500 people for one of 500.
    public static func parse(_ raw: String) -> Double? {
        if let value = single(raw) { return value }
        return band(raw)
    }

    /// `low-high`, `low – high`, `low to high`, with both sides numbers and `low <= high`: `low`. Only
    /// tried once the text is no number by itself, so a plain number never pays for it.
    private static func band(_ raw: String) -> Double? {
        for separator in ["-", "\u{2013}", "\u{2014}", " to "] {
            guard let cut = raw.range(of: separator, options: .caseInsensitive), cut.lowerBound > raw.startIndex,
                  let low = single(String(raw[..<cut.lowerBound])), let high = single(String(raw[cut.upperBound...])),
                  low <= high
            else { continue }
            return low
        }
        return nil
    }

    private static func single(_ raw: String) -> Double? {
        if let fast = parseGrouped(raw) { return fast }
        var bytes = raw
        if let ascii = bytes.withUTF8(parseASCII) { return ascii }
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !s.isEmpty else { return nil }
        // Currency signs and codes around the number carry no value.
        for sign in ["$", "€", "£", "¥", "usd", "eur", "gbp", "%", "+"] where s.contains(sign) {
            s = s.replacingOccurrences(of: sign, with: "")
        }
        s = s.trimmingCharacters(in: .whitespaces)
        var multiplier = 1.0
        for (suffix, factor) in [("bn", 1e9), ("b", 1e9), ("mm", 1e6), ("m", 1e6), ("k", 1e3)] where s.hasSuffix(suffix) {
            multiplier = factor
            s.removeLast(suffix.count)
            s = s.trimmingCharacters(in: .whitespaces)
            break
        }
        // Thousands separators: commas, spaces, apostrophes, underscores.
        s.removeAll { $0 == "," || $0 == " " || $0 == "'" || $0 == "_" || $0 == "\u{a0}" }
        guard !s.isEmpty, let value = Double(s) else { return nil }
        return finite(value * multiplier)
    }

    /// A value the router and the JSON writer can both carry: "1e308bn" overflows to infinity and
    /// reads as no number, like "inf" does, instead of routing as larger than everything.
    @inline(__always)
    private static func finite(_ value: Double) -> Double? {
        value.isFinite ? value : nil
    }

    /// The steps of `parse` on ASCII text, done on bytes in a stack buffer: `.some(nil)` is "no number",
    /// nil is "not ASCII" (Foundation's Unicode rules decide those).
    private static func parseASCII(_ u: UnsafeBufferPointer<UInt8>) -> Double?? {
        var digit = false
        for b in u {
            if b >= 0x80 { return nil }
            digit = digit || (b >= 0x30 && b <= 0x39)
        }
        // Only "inf" and "nan" spellings parse without a digit, and they are not finite.
        guard digit else { return .some(nil) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count) { s -> Double?? in
            var n = 0
            for b in u { s[n] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b; n += 1 }
            var lo = 0
            trim(s, &lo, &n) { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
            guard n > lo else { return .some(nil) }
            for sign in asciiSigns { remove(sign, s, lo, &n) }
            trim(s, &lo, &n) { $0 == 0x20 || $0 == 0x09 }
            var multiplier = 1.0
            for (suffix, factor) in asciiSuffixes where n - lo >= suffix.count && s[(n - suffix.count)..<n].elementsEqual(suffix) {
                multiplier = factor
                n -= suffix.count
                trim(s, &lo, &n) { $0 == 0x20 || $0 == 0x09 }
                break
            }
            var kept = lo
            for i in lo..<n where !(s[i] == UInt8(ascii: ",") || s[i] == 0x20 || s[i] == UInt8(ascii: "'") || s[i] == UInt8(ascii: "_")) {
                s[kept] = s[i]
                kept += 1
            }
            guard kept > lo, let value = Double(String(decoding: UnsafeBufferPointer(rebasing: s[lo..<kept]), as: UTF8.self)) else {
                return .some(nil)
            }
            return .some(finite(value * multiplier))
        }
    }

    private static let asciiSigns: [[UInt8]] = ["$", "usd", "eur", "gbp", "%", "+"].map { Array($0.utf8) }
    private static let asciiSuffixes: [([UInt8], Double)] = [("bn", 1e9), ("b", 1e9), ("mm", 1e6), ("m", 1e6), ("k", 1e3)].map { (Array($0.0.utf8), $0.1) }

    /// Drops bytes matching `space` from both ends of `s[lo..<n]`.
    @inline(__always)
    private static func trim(_ s: UnsafeMutableBufferPointer<UInt8>, _ lo: inout Int, _ n: inout Int, _ space: (UInt8) -> Bool) {
        while lo < n, space(s[lo]) { lo += 1 }
        while n > lo, space(s[n - 1]) { n -= 1 }
    }

    /// Removes every occurrence of `pattern` from `s[lo..<n]`, left to right, as `replacingOccurrences` does.
    private static func remove(_ pattern: [UInt8], _ s: UnsafeMutableBufferPointer<UInt8>, _ lo: Int, _ n: inout Int) {
        var read = lo, write = lo
        while read < n {
            if read + pattern.count <= n, s[read..<(read + pattern.count)].elementsEqual(pattern) {
                read += pattern.count
            } else {
                s[write] = s[read]
                write += 1
                read += 1
            }
        }
        n = write
    }

    /// Plain digits with thousands commas ("1,200", "4200"): the common case, read without copying.
    @inline(__always)
    static func parseGrouped(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { u in
            var value = 0.0
            var digits = 0
            for b in u {
                if b >= 0x30 && b <= 0x39 {
                    value = value * 10 + Double(b - 0x30)
                    digits += 1
                } else if b != UInt8(ascii: ",") || digits == 0 {
                    return nil
                }
            }
            return digits > 0 && digits <= 15 ? value : nil
        }
    }

    /// "4200" -> "4,200"; "1.5" -> "1.5".
    public static func grouped(_ n: Double) -> String {
        guard n == n.rounded(), abs(n) < 1e15 else { return plain(n) }
        // Digits written backwards into a small buffer: this runs for every matched route's trace.
        var value = Int64(abs(n))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        var count = 0
        repeat {
            if count > 0, count % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(truncatingIfNeeded: value % 10) + 0x30)
            value /= 10
            count += 1
        } while value > 0
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.reverse()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "1000" rather than "1000.0".
    public static func plain(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }
}
