import Crypto
import Foundation
import HandoffCore

/// What makes two imported leads "the same lead", so the store can skip a re-import.
///
/// The sending system's id when there is one (`id:` + the trimmed external id); else `sha256:` and the
/// first 128 bits of a SHA-256 over the normalized fields, so a re-export with different spacing, case
/// in the email or "1,200" for "1200" gives the same key. `receivedAt` counts only when the record gave
/// it: a time filled in by the importer would make every run's key new.
public struct IdempotencyKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public init(value: String) { self.value = value }

    public var description: String { value }

    /// Whether the key is the sending system's id rather than a content hash.
    public var isExternalId: Bool { value.hasPrefix("id:") }

    public static func of(_ lead: Lead, receivedAtFromRecord: Bool) -> IdempotencyKey {
        if let external = Normalizer.text(lead.externalId) { return IdempotencyKey(value: "id:" + external) }
        let n = Normalizer.normalize(lead)
        var hasher = FieldHasher()
        hasher.add("email", n.email)
        hasher.add("first_name", n.firstName)
        hasher.add("last_name", n.lastName)
        hasher.add("title", n.title)
        hasher.add("company", n.company)
        // The raw website when it holds no domain, so such leads still differ by it.
        hasher.add("website", n.websiteDomain ?? Normalizer.text(lead.website))
        hasher.add("phone", n.phone)
        hasher.add("country", n.country)
        hasher.add("region", n.region)
        hasher.add("postal_code", n.postalCode)
        hasher.add("timezone", n.timezone)
        hasher.add("employees", n.employees.map(NumberText.plain) ?? Normalizer.text(lead.employees))
        hasher.add("annual_revenue", n.annualRevenue.map(NumberText.plain) ?? Normalizer.text(lead.annualRevenue))
        hasher.add("industry", n.industry)
        hasher.add("score", n.score.map(NumberText.plain) ?? Normalizer.text(lead.score))
        hasher.add("source", n.source)
        if receivedAtFromRecord { hasher.add("received_at", String(lead.receivedAt.timeIntervalSince1970)) }
        for key in lead.attributes.keys.sorted() { hasher.add("attributes." + key, Normalizer.text(lead.attributes[key])) }
        return IdempotencyKey(value: "sha256:" + hasher.hex)
    }
}

/// Feeds `name=value` pairs to SHA-256 with lengths in front, so no two field lists hash alike by
/// shifting text from one field into the next.
private struct FieldHasher {
    private var sha = SHA256()

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        write(name)
        write(value)
    }

    private mutating func write(_ text: String) {
        var count = UInt32(text.utf8.count).littleEndian
        withUnsafeBytes(of: &count) { sha.update(bufferPointer: $0) }
        var text = text
        text.withUTF8 { sha.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for byte in sha.finalize().prefix(16) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
