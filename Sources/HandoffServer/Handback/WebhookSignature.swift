import Crypto
import Foundation

/// `Handoff-Signature: t=UNIX,v1=HEX`: HMAC-SHA256, keyed by the endpoint's secret, of the timestamp, a
/// dot and the raw body bytes. Signing the timestamp with the body lets a receiver refuse an old request
/// replayed at it (docs/SERVE.md shows the check in Python and in the shell).
public enum WebhookSignature {
    public static let header = "Handoff-Signature"

    public static func value(secret: String, timestamp: Int, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }

    public static func hex(secret: String, timestamp: Int, body: [UInt8]) -> String {
        var signed = Array("\(timestamp).".utf8)
        signed.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]], as: UTF8.self)
        }.joined()
    }
}
