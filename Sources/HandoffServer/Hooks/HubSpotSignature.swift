import Crypto
import Foundation

/// HubSpot's request signatures, as HubSpot documents them ("Validating requests from HubSpot"):
///
/// - v3: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(client secret, method + URI + body + timestamp)),
///   the timestamp (milliseconds since 1970) from `X-HubSpot-Request-Timestamp`; refused when older than
///   5 minutes (and here, from further in the future than a small skew).
/// - v2: `X-HubSpot-Signature` = hex(SHA-256(client secret + method + URI + body)), version header `v2`.
/// - v1: `X-HubSpot-Signature` = hex(SHA-256(client secret + body)), version header `v1`.
///
/// The URI is the full one HubSpot called (scheme, host, path, query), with the characters of HubSpot's
/// table percent-decoded. Pure: the caller gives the clock.
enum HubSpotSignature {
    /// Why a request's signature is refused; the raw value is the metric's `reason` label.
    enum Rejection: String, Sendable, Error {
        case missing
        case mismatch
        case expired
        case future
        case replayed
        case unknownVersion = "unknown_version"
        case badTimestamp = "bad_timestamp"

        var message: String {
            switch self {
            case .missing: "no X-HubSpot-Signature-v3 (with X-HubSpot-Request-Timestamp) or X-HubSpot-Signature header"
            case .mismatch: "the signature does not match the request; check the client secret and --public-url (HubSpot signs the URL it called)"
            case .expired: "X-HubSpot-Request-Timestamp is more than 5 minutes old"
            case .future: "X-HubSpot-Request-Timestamp is in the future beyond the allowed clock skew"
            case .replayed: "this signed request was already received"
            case .unknownVersion: "X-HubSpot-Signature-Version is neither v1 nor v2"
            case .badTimestamp: "X-HubSpot-Request-Timestamp is not milliseconds since 1970"
            }
        }
    }

    enum Version: String, Sendable {
        case v1, v2, v3
    }

    /// The signature headers of a request, as sent.
    struct Presented: Sendable {
        var v3: String?
        var timestamp: String?
        var signature: String?
        var version: String?
    }

    /// A request whose signature holds: its version, and for v3 what makes it unique within its window.
    struct Verified: Sendable, Equatable {
        var version: Version
        var v3Signature: String?
        var v3Time: Date?
    }

    /// How old a v3 request may be.
    static let window: TimeInterval = 5 * 60
    /// How far ahead of this server's clock a v3 timestamp may be.
    static let skew: TimeInterval = 60

    static func verify(_ presented: Presented, secret: String, method: String, uri: String, body: [UInt8],
                       now: Date) -> Result<Verified, Rejection> {
        if let signature = presented.v3 {
            guard let stamp = presented.timestamp else { return .failure(.missing) }
            guard let millis = Int64(stamp.trimmingCharacters(in: .whitespaces)), millis > 0 else { return .failure(.badTimestamp) }
            let sent = Date(timeIntervalSince1970: TimeInterval(millis) / 1_000)
            let age = now.timeIntervalSince(sent)
            if age > window { return .failure(.expired) }
            if age < -skew { return .failure(.future) }
            let expected = v3(secret: secret, method: method, uri: uri, body: body, timestamp: stamp)
            guard AccessTokens.sameBytes(Array(expected.utf8), Array(signature.trimmingCharacters(in: .whitespaces).utf8)) else {
                return .failure(.mismatch)
            }
            return .success(Verified(version: .v3, v3Signature: expected, v3Time: sent))
        }
        guard let signature = presented.signature else { return .failure(.missing) }
        let expected: String
        let version: Version
        switch presented.version?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "v1"?:
            version = .v1
            expected = v1(secret: secret, body: body)
        case "v2"?:
            version = .v2
            expected = v2(secret: secret, method: method, uri: uri, body: body)
        default:
            return .failure(.unknownVersion)
        }
        guard AccessTokens.sameBytes(Array(expected.utf8), Array(signature.trimmingCharacters(in: .whitespaces).lowercased().utf8)) else {
            return .failure(.mismatch)
        }
        return .success(Verified(version: version))
    }

    static func v1(secret: String, body: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: Array(secret.utf8))
        hash.update(data: body)
        return hex(hash.finalize())
    }

    static func v2(secret: String, method: String, uri: String, body: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(data: Array((secret + method + uri).utf8))
        hash.update(data: body)
        return hex(hash.finalize())
    }

    static func v3(secret: String, method: String, uri: String, body: [UInt8], timestamp: String) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        mac.update(data: Array((method + decodedURI(uri)).utf8))
        mac.update(data: body)
        mac.update(data: Array(timestamp.utf8))
        return Data(mac.finalize()).base64EncodedString()
    }

    /// The percent-encodings HubSpot's v3 instructions decode in the URI; every other one stays encoded.
    static let decodings: [(String, String)] = [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ]

    static func decodedURI(_ uri: String) -> String {
        guard uri.contains("%") else { return uri }
        var out = ""
        var rest = Substring(uri)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let code = rest[percent...].prefix(3).uppercased()
            if let hit = decodings.first(where: { $0.0 == code }) {
                out += hit.1
                rest = rest[rest.index(percent, offsetBy: 3)...]
            } else {
                out += "%"
                rest = rest[rest.index(after: percent)...]
            }
        }
        return out + rest
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
