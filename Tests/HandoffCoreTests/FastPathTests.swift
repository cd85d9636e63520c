import Foundation
import Testing
@testable import HandoffCore

/// The router's shortcuts give exactly what the plain definitions give.
@Suite struct FastPathTests {
    /// The email check as first written: several passes, each rule on its own.
    private static func referenceIsValid(_ email: String) -> Bool {
        let u = Array(email.utf8)
        guard let at = u.firstIndex(of: UInt8(ascii: "@")), at > 0, at < u.count - 1,
              u.lastIndex(of: UInt8(ascii: "@")) == at, u.count <= 254 else { return false }
        for b in u[..<at] where b <= 0x20 || b == 0x7F || ",;<>()".utf8.contains(b) { return false }
        if u[0] == UInt8(ascii: ".") || u[at - 1] == UInt8(ascii: ".") { return false }
        var labels = 0, labelLength = 0, tldLetters = true
        for b in u[(at + 1)...] {
            if b == UInt8(ascii: ".") {
                if labelLength == 0 { return false }
                labels += 1
                labelLength = 0
                tldLetters = true
                continue
            }
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
            guard letter || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b >= 0x80 else { return false }
            if !letter && b < 0x80 { tldLetters = false }
            labelLength += 1
        }
        return labels >= 1 && labelLength >= 2 && tldLetters
    }

    @Test func emailCheckAgreesWithTheRulesOnRandomAddresses() {
        // Well-formed addresses with a few characters replaced by ones the rules are about, so every
        // branch is reached often and about half stay valid.
        let tricky = Array("aZ09-._@.,;<>() \u{7F}\tüß+".unicodeScalars)
        let parts = ["jo", "ana.souza", "x", "ben+tag", "ü"], domains = ["acme", "globex-1", "b", "bücher", ""], tlds = ["de", "co.uk", "c", "c0", "com."]
        var random = SplitMix(seed: 42)
        var valid = 0
        for _ in 0..<50_000 {
            let base = parts.randomElement(using: &random)! + "@" + domains.randomElement(using: &random)! + "." + tlds.randomElement(using: &random)!
            var scalars = Array(base.unicodeScalars)
            for _ in 0..<Int.random(in: 0...2, using: &random) where !scalars.isEmpty {
                scalars[Int.random(in: 0..<scalars.count, using: &random)] = tricky.randomElement(using: &random)!
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            let expected = Self.referenceIsValid(text)
            if expected { valid += 1 }
            #expect(EmailCheck.isValid(text) == expected, "\(text.debugDescription)")
        }
        #expect(valid > 1_000, "the sample should hold valid addresses too")
        #expect(!EmailCheck.isValid(String(repeating: "a", count: 250) + "@b.de"))
    }

    @Test func lowerCasingMatchesUnicodeAcrossLatinScripts() {
        for value in 0x20...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x" + String(Character(scalar)) + "y"
            #expect(Normalizer.lowerASCII(text) == text.lowercased(), "U+\(String(value, radix: 16))")
        }
        #expect(Normalizer.lowerASCII("Jörg@Bücher.DE") == "jörg@bücher.de")
        #expect(Normalizer.lowerASCII("jörg") == "jörg")
    }

    @Test func foldedComparisonsOfDifferentLengths() {
        #expect(!Fold.equal("ABC", folded: "abcd"))
        #expect(Fold.equal("ACME", folded: "acme"))
        // Lower-casing changes the length of some letters: the lengths alone cannot decide.
        #expect(Fold.equal("\u{130}", folded: "\u{130}".lowercased()))
        #expect(!Fold.equal("Ä", folded: "ae"))
    }

    @Test func caselessLookupFindsLowerCaseKeys() {
        var table = StringTable<Int>()
        table.set(1, for: "de")
        table.set(2, for: "münchen")
        #expect(table.value(forCaseless: "DE") == 1)
        #expect(table.value(forCaseless: "De") == 1)
        #expect(table.value(forCaseless: "de") == 1)
        #expect(table.value(forCaseless: "FR") == nil)
        #expect(table.value(forCaseless: "MÜNCHEN") == 2)
        #expect(table.value(forCaseless: "D") == nil)
    }

    @Test func aWebsiteOnTheEmailsDomainSharesItsText() {
        let n = Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, email: "Jo@Acme-Industries.com", website: "https://WWW.acme-industries.com/about"))
        #expect(n.emailDomain == "acme-industries.com")
        #expect(n.websiteDomain == "acme-industries.com")
        let other = Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, email: "jo@acme-industries.com", website: "acme-industries.co.uk"))
        #expect(other.websiteDomain == "acme-industries.co.uk")
        let none = Normalizer.normalize(Lead(id: "L", receivedAt: .distantPast, website: "ACME.com"))
        #expect(none.websiteDomain == "acme.com")
    }

    @Test func duplicateIndexFindsEveryRecordedFingerprint() {
        var index = DuplicateIndex()
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<20_000 { index.record(key: "lead\(i)@example.com", leadId: "L-\(i)", receivedAt: start + Double(i)) }
        #expect(index.count == 20_000)
        for i in stride(from: 0, to: 20_000, by: 7) { #expect(index.entry(forKey: "lead\(i)@example.com")?.leadId == "L-\(i)") }
        #expect(index.entry(forKey: "nobody@example.com") == nil)
        // An older lead recorded later does not replace the newer one.
        index.record(key: "lead5@example.com", leadId: "L-old", receivedAt: start)
        #expect(index.entry(forKey: "lead5@example.com")?.leadId == "L-5")
        // A newer one does, and the count stays.
        index.record(key: "lead5@example.com", leadId: "L-new", receivedAt: start + 1e6)
        #expect(index.entry(forKey: "lead5@example.com")?.leadId == "L-new")
        #expect(index.count == 20_000)
        // The one fingerprint the table cannot hold as itself.
        index.record(fingerprint: 0, leadId: "L-zero", receivedAt: start)
        #expect(index.entry(forFingerprint: 0)?.leadId == "L-zero")
        #expect(DuplicateIndex(minimumCapacity: 1_000).count == 0)
    }
}
