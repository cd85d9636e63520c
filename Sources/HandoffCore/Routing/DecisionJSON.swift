import Foundation

/// Writes a decision as JSON by hand, in exactly the shape `JSONEncoder` gives its synthesized
/// `Codable` conformance, so `JSONDecoder` reads it back unchanged. Every routed lead stores its
/// decision, and the generic encoder cost more than routing itself.
public enum DecisionJSON {
    public static func encode(_ d: Decision) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("leadId"); w.string(d.leadId)
        w.key("rulebookVersion"); w.string(d.rulebookVersion)
        w.key("decidedAt"); w.number(d.decidedAt.timeIntervalSinceReferenceDate)
        w.optional("owner", d.owner)
        w.optional("route", d.route)
        w.optional("pool", d.pool)
        w.key("exceptions"); w.beginArray()
        for note in d.exceptions {
            w.beginObject(); w.key("reason"); w.string(note.reason.rawValue); w.key("detail"); w.string(note.detail); w.endObject()
        }
        w.endArray()
        w.optional("duplicateOf", d.duplicateOf)
        w.optional("account", d.account)
        w.key("trace"); w.beginObject(); w.key("steps"); w.beginArray()
        for s in d.trace.steps { step(&w, s) }
        w.endArray(); w.endObject()
        if let inputs = d.inputs {
            w.key("inputs"); w.beginObject(); w.key("pools"); w.beginArray()
            inputs.forEachInPlace { pool, cursor, assigned, excused in
                w.beginObject()
                w.key("pool"); w.string(pool)
                w.key("cursor"); w.int(cursor)
                w.key("assigned"); w.beginArray(); for n in assigned { w.int(n) }; w.endArray()
                w.key("excused"); w.beginArray(); for n in excused { w.int(n) }; w.endArray()
                w.endObject()
            }
            w.endArray(); w.endObject()
        }
        w.endObject()
        return w.text
    }

    /// An enum case as Codable writes it: `{"name":{` ... `}}`.
    private static func beginCase(_ w: inout JSONWriter, _ name: String) { w.beginObject(); w.key(name); w.beginObject() }
    private static func endCase(_ w: inout JSONWriter) { w.endObject(); w.endObject() }

    private static func step(_ w: inout JSONWriter, _ step: TraceStep) {
        switch step {
        case .unreadable(let problems):
            beginCase(&w, "unreadable"); w.key("_0"); w.beginArray()
            for p in problems {
                w.beginObject(); w.key("field"); w.string(p.field); w.key("value"); w.string(p.value); w.key("message"); w.string(p.message); w.endObject()
            }
            w.endArray(); endCase(&w)
        case .notReady(let reason, let detail):
            beginCase(&w, "notReady"); w.key("_0"); w.string(reason.rawValue); w.key("detail"); w.string(detail); endCase(&w)
        case .duplicate(let of, let key, let ignored):
            beginCase(&w, "duplicate"); w.key("of"); w.string(of); w.key("key"); w.string(key); w.key("ignored"); w.bool(ignored); endCase(&w)
        case .account(let domain, let name, let owner):
            beginCase(&w, "account"); w.key("domain"); w.string(domain); w.key("name"); w.string(name); w.optional("owner", owner); endCase(&w)
        case .route(let name, let because, let mode):
            beginCase(&w, "route")
            w.key("name"); w.string(name)
            w.key("because"); w.beginArray()
            for f in because {
                w.beginObject()
                w.key("field"); w.string(f.field)
                w.optional("text", f.text)
                if let n = f.number { w.key("number"); w.number(n) }
                if let b = f.flag { w.key("flag"); w.bool(b) }
                w.optional("test", f.test)
                w.endObject()
            }
            w.endArray()
            w.key("mode"); w.string(mode.rawValue)
            endCase(&w)
        case .noRoute(let tried):
            beginCase(&w, "noRoute"); w.key("tried"); w.int(tried); endCase(&w)
        case .misses(let misses):
            beginCase(&w, "misses"); w.key("_0"); w.beginArray()
            for m in misses { w.beginObject(); w.key("route"); w.string(m.route); w.key("why"); w.string(m.why); w.endObject() }
            w.endArray(); endCase(&w)
        case .fallbackPool(let pool):
            beginCase(&w, "fallbackPool"); w.key("_0"); w.string(pool); endCase(&w)
        case .handover(let from, let to, let because):
            beginCase(&w, "handover"); w.key("from"); w.string(from); w.key("to"); w.string(to); w.key("because"); w.string(because); endCase(&w)
        case .pool(let name, let method, let candidates):
            beginCase(&w, "pool")
            w.key("name"); w.string(name)
            w.key("method"); w.string(method.rawValue)
            w.key("candidates"); w.beginArray()
            for c in candidates {
                w.beginObject()
                w.key("owner"); w.string(c.owner)
                w.key("open"); w.int(c.open)
                if let capacity = c.capacity { w.key("capacity"); w.int(capacity) }
                if let reason = c.passedOver { w.key("passedOver"); passReason(&w, reason) }
                w.endObject()
            }
            w.endArray()
            endCase(&w)
        }
    }

    private static func passReason(_ w: inout JSONWriter, _ reason: PassReason) {
        switch reason {
        case .inactive: beginCase(&w, "inactive")
        case .outOfOffice(let until): beginCase(&w, "outOfOffice"); w.key("until"); w.string(until)
        case .holiday(let name, let day): beginCase(&w, "holiday"); w.key("name"); w.string(name); w.key("day"); w.string(day)
        case .paused(let text): beginCase(&w, "paused"); w.key("text"); w.string(text)
        case .offHours(let local, let zone): beginCase(&w, "offHours"); w.key("local"); w.string(local); w.key("zone"); w.string(zone)
        case .atCapacity(let open, let capacity): beginCase(&w, "atCapacity"); w.key("open"); w.int(open); w.key("capacity"); w.int(capacity)
        case .notNextInTurn: beginCase(&w, "notNextInTurn")
        case .aheadOfShare(let assigned, let weight): beginCase(&w, "aheadOfShare"); w.key("assigned"); w.int(assigned); w.key("weight"); w.int(weight)
        case .higherLoad(let open, let capacity):
            beginCase(&w, "higherLoad"); w.key("open"); w.int(open)
            if let capacity { w.key("capacity"); w.int(capacity) }
        case .tiedLaterInOrder: beginCase(&w, "tiedLaterInOrder")
        case .previousOwner: beginCase(&w, "previousOwner")
        }
        endCase(&w)
    }
}

/// A minimal JSON writer: objects, arrays, escaped strings, numbers. Closures passed to `object`,
/// `array` and `case` run immediately; `inout` access keeps the buffer a plain local value.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(1_024) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func optional(_ name: String, _ value: String?) {
        if let value { key(name); string(value) }
    }

    mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // Read through one pointer: walking the string's UTF-8 view a byte at a time cost more than the rest.
        var text = s
        let plain = text.withUTF8 { u in
            guard !u.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: u)
            return true
        }
        if !plain {
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func int(_ n: Int) {
        separate()
        if n >= 0 && n < 10 { bytes.append(UInt8(truncatingIfNeeded: n) + 0x30) } else { bytes.append(contentsOf: String(n).utf8) }
        needsComma = true
    }

    mutating func number(_ n: Double) {
        separate()
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { bytes.append(contentsOf: String(Int64(n)).utf8) } else { bytes.append(contentsOf: "\(n)".utf8) }
        needsComma = true
    }

    mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
