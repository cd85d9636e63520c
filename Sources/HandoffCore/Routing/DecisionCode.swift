import Foundation

/// A decision in a compact binary form, the one the store keeps: about a third of its JSON, because
/// bulk imports are bound by the bytes SQLite writes. It holds exactly what the decision's JSON holds but
/// the lead id and rulebook version, which the lead's row keeps in its own columns and the reader
/// passes back in.
///
/// Format 2 is format 1 with its strings looked up first in the words of the decision's rulebook
/// version (`DecisionWords`, which the store keeps beside the version): a word is its number, and a
/// route's miss or an exception detail worded around a value is two word numbers and the value
/// (`CodeWriter.string`). A reader needs those words; format 1 needs nothing but the record.
///
/// Format 1, in order (`count` is an unsigned LEB128 varint, `int` a zigzag one; see `CodeWriter` for
/// doubles and strings, which may refer back to an equal string earlier in the record):
///
///     u8      format, 1
///     double  decidedAt, seconds since 2001-01-01 (whole seconds take five bytes)
///     count   trace steps, each a u8 `DecisionCodeTags.Step` and its fields in declaration order
///     u8      flags of the optionals that follow: owner 1, route 2, pool 4, duplicateOf 8, account 16, inputs 32
///     string  owner, route, pool, duplicateOf, account: those present
///     count   exceptions, each a u8 reason and a string detail
///     inputs  when present: count pools, each string pool, int cursor, count + ints assigned, count + ints excused
///
/// The trace comes first so the owner, route and pool after it are back-references to its strings.
/// A step's optional and enum fields take one byte each (flags, or a tag of `DecisionCodeTags`); a
/// pool's candidate is its owner, open load, a byte of pass tag and capacity flag, the capacity, and the
/// reason's fields.
public enum DecisionCode {
    /// The first byte of every coded decision. A new layout takes the next number; readers keep reading
    /// the old ones, which stay in stored rows.
    public static let format: UInt8 = 1
    /// The first byte of a decision coded with its rulebook's words.
    public static let wordsFormat: UInt8 = 2

    enum Field {
        static let owner: UInt8 = 1, route: UInt8 = 2, pool: UInt8 = 4, duplicateOf: UInt8 = 8, account: UInt8 = 16, inputs: UInt8 = 32
        static let all: UInt8 = 63
    }

    enum Fact {
        static let text: UInt8 = 1, number: UInt8 = 2, flag: UInt8 = 4, flagValue: UInt8 = 8, test: UInt8 = 16
        static let all: UInt8 = 31
    }

    /// Most decisions fit; a larger one grows the buffer.
    static let typicalSize = 256

    /// Runs for every routed lead: one buffer, written in place; the string table lives on the stack.
    /// Format 2 when `words` were made for the decision's rulebook version, else format 1.
    public static func encode(_ d: Decision, words: DecisionWords? = nil) -> [UInt8] {
        let words = words?.coding(d)
        return withUnsafeTemporaryAllocation(of: CodeWriter.Slot.self, capacity: CodeWriter.slotCount) { slots in
            var w = CodeWriter(slots: slots, capacity: typicalSize, words: words)
            w.byte(words == nil ? format : wordsFormat)
            w.double(d.decidedAt.timeIntervalSinceReferenceDate)
            w.count(d.trace.steps.count)
            for s in d.trace.steps { step(&w, s) }
            var present: UInt8 = 0
            if d.owner != nil { present |= Field.owner }
            if d.route != nil { present |= Field.route }
            if d.pool != nil { present |= Field.pool }
            if d.duplicateOf != nil { present |= Field.duplicateOf }
            if d.account != nil { present |= Field.account }
            if d.inputs != nil { present |= Field.inputs }
            w.byte(present)
            if let owner = d.owner { w.string(owner) }
            if let route = d.route { w.string(route) }
            if let pool = d.pool { w.string(pool) }
            if let duplicateOf = d.duplicateOf { w.string(duplicateOf) }
            if let account = d.account { w.string(account) }
            w.count(d.exceptions.count)
            for note in d.exceptions {
                w.byte(DecisionCodeTags.tag(note.reason))
                w.string(note.detail, shapes: w.words?.detailShapes ?? [])
            }
            if let inputs = d.inputs {
                w.count(inputs.count)
                inputs.forEachInPlace { pool, cursor, assigned, excused in
                    w.string(pool)
                    w.int(cursor)
                    w.count(assigned.count)
                    for n in assigned { w.int(n) }
                    w.count(excused.count)
                    for n in excused { w.int(n) }
                }
            }
            return w.bytes
        }
    }

    private static func step(_ w: inout CodeWriter, _ step: TraceStep) {
        typealias Tag = DecisionCodeTags.Step
        switch step {
        case .unreadable(let problems):
            w.byte(Tag.unreadable.rawValue)
            w.count(problems.count)
            for p in problems { w.string(p.field); w.string(p.value); w.string(p.message) }
        case .notReady(let reason, let detail):
            w.byte(Tag.notReady.rawValue)
            w.byte(DecisionCodeTags.tag(reason))
            w.string(detail, shapes: w.words?.detailShapes ?? [])
        case .duplicate(let of, let key, let ignored):
            w.byte(Tag.duplicate.rawValue)
            w.string(of); w.string(key); w.bool(ignored)
        case .account(let domain, let name, let owner):
            w.byte(Tag.account.rawValue)
            w.string(domain); w.string(name)
            w.bool(owner != nil)
            if let owner { w.string(owner) }
        case .route(let name, let because, let mode):
            w.byte(Tag.route.rawValue)
            w.string(name)
            w.count(because.count)
            for f in because { fact(&w, f) }
            w.byte(DecisionCodeTags.tag(mode))
        case .noRoute(let tried):
            w.byte(Tag.noRoute.rawValue)
            w.int(tried)
        case .misses(let misses):
            w.byte(Tag.misses.rawValue)
            w.count(misses.count)
            for m in misses {
                let route = w.string(m.route)
                w.string(m.why, shapes: route.flatMap { w.words?.missShapes[$0] } ?? [])
            }
        case .fallbackPool(let pool):
            w.byte(Tag.fallbackPool.rawValue)
            w.string(pool)
        case .handover(let from, let to, let because):
            w.byte(Tag.handover.rawValue)
            w.string(from); w.string(to); w.string(because)
        case .pool(let name, let method, let candidates):
            w.byte(Tag.pool.rawValue)
            w.string(name)
            w.byte(DecisionCodeTags.tag(method))
            w.count(candidates.count)
            for c in candidates { candidate(&w, c) }
        }
    }

    private static func fact(_ w: inout CodeWriter, _ f: MatchFact) {
        var shape: UInt8 = 0
        if f.text != nil { shape |= Fact.text }
        if f.number != nil { shape |= Fact.number }
        if let flag = f.flag { shape |= flag ? Fact.flag | Fact.flagValue : Fact.flag }
        if f.test != nil { shape |= Fact.test }
        w.string(f.field)
        w.byte(shape)
        if let text = f.text { w.string(text) }
        if let number = f.number { w.double(number) }
        if let test = f.test { w.string(test) }
    }

    private static func candidate(_ w: inout CodeWriter, _ c: Candidate) {
        typealias Tag = DecisionCodeTags.Pass
        w.string(c.owner)
        w.int(c.open)
        let tag: Tag = switch c.passedOver {
        case nil: .chosen
        case .inactive?: .inactive
        case .outOfOffice?: .outOfOffice
        case .holiday?: .holiday
        case .paused?: .paused
        case .offHours?: .offHours
        case .atCapacity(let open, let capacity)?: open == c.open && capacity == c.capacity ? .atOwnCapacity : .atCapacity
        case .notNextInTurn?: .notNextInTurn
        case .aheadOfShare?: .aheadOfShare
        case .higherLoad(let open, let capacity)?:
            open == c.open && capacity == c.capacity ? .higherOwnLoad : capacity == nil ? .higherLoad : .higherLoadWithCapacity
        case .tiedLaterInOrder?: .tiedLaterInOrder
        case .previousOwner?: .previousOwner
        }
        w.byte(tag.rawValue | (c.capacity == nil ? 0 : DecisionCodeTags.candidateHasCapacity))
        if let capacity = c.capacity { w.int(capacity) }
        switch c.passedOver {
        case .outOfOffice(let until)?: w.string(until)
        case .holiday(let name, let day)?: w.string(name); w.string(day)
        case .paused(let text)?: w.string(text)
        case .offHours(let local, let zone)?: w.string(local); w.string(zone)
        case .atCapacity(let open, let capacity)? where tag == .atCapacity: w.int(open); w.int(capacity)
        case .aheadOfShare(let assigned, let weight)?: w.int(assigned); w.int(weight)
        case .higherLoad(let open, let capacity)? where tag != .higherOwnLoad:
            w.int(open)
            if let capacity { w.int(capacity) }
        default: break
        }
    }
}
