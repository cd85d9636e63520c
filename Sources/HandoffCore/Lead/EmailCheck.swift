/// Email syntax and free-mail providers.
public enum EmailCheck {
    /// A practical syntax check: one "@", a local part of printable characters, a dotted domain of
    /// letters, digits and hyphens, and a top-level domain of at least two letters.
    public static func isValid(_ email: String) -> Bool {
        var email = email
        return email.withUTF8 { isValid(bytes: $0) }
    }

    private static func isValid(bytes u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = u.firstIndex(of: UInt8(ascii: "@")), at > 0, at < u.count - 1,
              u.lastIndex(of: UInt8(ascii: "@")) == at, u.count <= 254 else { return false }
        for b in u[..<at] {
            if b <= 0x20 || b == 0x7F || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "<")
                || b == UInt8(ascii: ">") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") { return false }
        }
        if u[0] == UInt8(ascii: ".") || u[at - 1] == UInt8(ascii: ".") { return false }
        let domain = u[(at + 1)...]
        var labels = 0, labelLength = 0, tldLetters = true
        for b in domain {
            if b == UInt8(ascii: ".") {
                if labelLength == 0 { return false }
                labels += 1
                labelLength = 0
                tldLetters = true
                continue
            }
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
            let ok = letter || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b >= 0x80
            if !ok { return false }
            if !letter && b < 0x80 { tldLetters = false }
            labelLength += 1
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
