import Foundation
import HandoffCore

/// Lead ids: "L-" and a zero-padded serial, so they sort and read well. The serial is the lead's
/// `seq` in the store, by which the log refers to it.
public enum LeadId {
    public static func make(_ serial: Int) -> String {
        var digits = String(serial)
        if digits.count < 7 { digits = String(repeating: "0", count: 7 - digits.count) + digits }
        return "L-" + digits
    }

    /// The serial of an id `make` wrote, or nil for any other text: "L-0000042" only, not another
    /// spelling of the same number ("L-42", "L-00000042").
    public static func serial(_ id: String) -> Int? {
        let utf8 = id.utf8
        let digits = utf8.count - 2
        guard digits >= 7, digits <= 18, utf8.starts(with: "L-".utf8) else { return nil }
        var serial = 0
        for byte in utf8.dropFirst(2) {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            serial = serial * 10 + Int(byte - 0x30)
        }
        // Past seven digits `make` writes no leading zero.
        let leadingZero = utf8[utf8.index(utf8.startIndex, offsetBy: 2)] == 0x30
        return serial > 0 && (digits == 7 || !leadingZero) ? serial : nil
    }

    /// The serial of a stored lead's id, which the log refers to it by; no other text names a lead.
    package static func number(_ id: String) throws -> Int {
        guard let serial = serial(id) else { throw StoreError.unknownLead(id) }
        return serial
    }

    /// The serial to look a lead's log entries up by: 0, which no lead has, for a text that is no lead's id.
    package static func key(_ id: String) -> Int { serial(id) ?? 0 }

    /// The id as SQL writes it from a serial column (`printf` pads like `make`).
    package static func sql(_ column: String) -> String { "printf('L-%07d', \(column))" }
}
