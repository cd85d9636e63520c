/// Email syntax and free-mail providers.
public enum EmailCheck {
    /// A practical syntax check: one "@", a local part of printable characters, a dotted domain of
    /// letters, digits and hyphens, and a top-level domain of at least two letters.
    public static func isValid(_ email: String) -> Bool {
        var email = email
        return email.withUTF8 { isValid(bytes: $0) }
    }

    /// One pass over the bytes: every lead's address is checked.
    private static func isValid(bytes u: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = u.count
        guard n <= 254 else { return false }
        // Local part: printable, without , ; < > ( ) (all below 0x40, so one mask tells them).
        let refused: UInt64 = 1 << 0x2C | 1 << 0x3B | 1 << 0x3C | 1 << 0x3E | 1 << 0x28 | 1 << 0x29
        var at = 0
        while at < n {
            let b = u[at]
            if b == UInt8(ascii: "@") { break }
            if b < 0x40 {
                if b <= 0x20 || (refused >> UInt64(b)) & 1 != 0 { return false }
            } else if b == 0x7F {
                return false
            }
            at += 1
        }
        guard at > 0, at < n - 1, u[0] != UInt8(ascii: "."), u[at - 1] != UInt8(ascii: ".") else { return false }
        // Domain: dotted labels of letters, digits, hyphens (a second "@" fails here), a lettered TLD.
        var labels = 0, labelLength = 0, tldLetters = true
        var i = at + 1
        while i < n {
            let b = u[i]
            i += 1
            if b == UInt8(ascii: ".") {
                if labelLength == 0 { return false }
                labels += 1
                labelLength = 0
                tldLetters = true
                continue
            }
            labelLength += 1
            if (b | 0x20) &- 0x61 < 26 || b >= 0x80 { continue }
            if (b &- 0x30 < 10) || b == UInt8(ascii: "-") { tldLetters = false; continue }
            return false
        }
        return labels >= 1 && labelLength >= 2 && tldLetters
    }

    /// Consumer mail providers: an address there says nothing about the company.
    public static let freeDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "outlook.com", "outlook.de", "live.com",
        "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me",
        "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "freenet.de", "mail.com", "mail.ru",
        "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "zoho.com", "hey.com", "fastmail.com",
        "orange.fr", "free.fr", "laposte.net", "sfr.fr", "libero.it", "virgilio.it", "comcast.net",
        "verizon.net", "att.net", "btinternet.com", "sky.com", "bigpond.com", "rediffmail.com", "uol.com.br",
        "bol.com.br", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "naver.com", "daum.net", "tutanota.com",
    ]
}
