/// The members one pool considered, in member order: a collection of `Candidate`s.
///
/// Every decision records ~25 pool members, so the router records the pool's standing (`PoolStanding`:
/// loads, shares, turn, winner) and the verdicts are worked out when read. Lists made from candidates
/// (decoded, or written by hand) keep entries of plain numbers instead: the owner as an index into a
/// table of ids, the verdict as a small value. Reasons that carry text (off hours, holiday, paused, ...)
/// are read from a second table by owner index. The router passes the rulebook's ids and the context's
/// away reasons as the tables, shared rather than copied. Read as a collection, it is the array of
/// `Candidate`s it stands for: same elements, same equality, same JSON.
public struct CandidateList: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// Why a member was or was not chosen, without text: `away` reads the reason from the table.
    enum Verdict: Sendable, Hashable {
        case chosen
        case away
        case atCapacity(open: Int, capacity: Int)
        case notNextInTurn
        case aheadOfShare(assigned: Int, weight: Int)
        case higherLoad(open: Int, capacity: Int?)
        case tiedLaterInOrder
        case previousOwner
    }

    struct Entry: Sendable {
        /// Index into `ids` and `awayReasons`.
        var owner: Int32
        var open: Int
        var capacity: Int?
        var verdict: Verdict
    }

    /// Entries as given with the tables they index, or a pool's standing whose verdicts are worked out
    /// when read (its frame holds the tables).
    private enum Storage: Sendable {
        case listed(entries: [Entry], ids: [String], awayReasons: [PassReason?])
        case judged(PoolStanding)
    }

    private var storage: Storage

    /// An empty list whose entries will index `ids` and `awayReasons` (by owner index).
    init(ids: [String], awayReasons: [PassReason?], capacity: Int) {
        var entries: [Entry] = []
        entries.reserveCapacity(capacity)
        storage = .listed(entries: entries, ids: ids, awayReasons: awayReasons)
    }

    /// Every member of a pool as the standing judged them.
    init(standing: PoolStanding) {
        storage = .judged(standing)
    }

    /// Records owner `owner` (an index into the tables); `.away` takes the reason from `awayReasons[owner]`.
    @inline(__always)
    mutating func append(owner: Int, open: Int, capacity: Int?, verdict: Verdict) {
        guard case .listed(var entries, let ids, let awayReasons) = storage else { preconditionFailure("a pool's standing lists its own members") }
        storage = .listed(entries: [], ids: [], awayReasons: [])  // so `entries` is the only reference and grows in place
        entries.append(Entry(owner: Int32(truncatingIfNeeded: owner), open: open, capacity: capacity, verdict: verdict))
        storage = .listed(entries: entries, ids: ids, awayReasons: awayReasons)
    }

    public init(_ candidates: some Sequence<Candidate>) {
        var entries: [Entry] = [], ids: [String] = [], away: [PassReason?] = []
        for c in candidates {
            let verdict: Verdict
            var reason: PassReason?
            switch c.passedOver {
            case nil: verdict = .chosen
            case .atCapacity(let open, let capacity)?: verdict = .atCapacity(open: open, capacity: capacity)
            case .notNextInTurn?: verdict = .notNextInTurn
            case .aheadOfShare(let assigned, let weight)?: verdict = .aheadOfShare(assigned: assigned, weight: weight)
            case .higherLoad(let open, let capacity)?: verdict = .higherLoad(open: open, capacity: capacity)
            case .tiedLaterInOrder?: verdict = .tiedLaterInOrder
            case .previousOwner?: verdict = .previousOwner
            case let other?: verdict = .away; reason = other
            }
            entries.append(Entry(owner: Int32(ids.count), open: c.open, capacity: c.capacity, verdict: verdict))
            ids.append(c.owner)
            away.append(reason)
        }
        storage = .listed(entries: entries, ids: ids, awayReasons: away)
    }

    public init(arrayLiteral elements: Candidate...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .listed(let entries, _, _): entries.count
        case .judged(let standing): standing.count
        }
    }

    public subscript(position: Int) -> Candidate {
        switch storage {
        case .judged(let standing):
            let c = standing.candidate(position), frame = standing.frame
            return Candidate(owner: frame.ids[c.owner], open: c.open, capacity: c.capacity, passedOver: Self.reason(c.verdict, away: frame.awayReasons[c.owner]))
        case .listed(let entries, let ids, let awayReasons):
            let e = entries[position], o = Int(e.owner)
            return Candidate(owner: ids[o], open: e.open, capacity: e.capacity, passedOver: Self.reason(e.verdict, away: awayReasons[o]))
        }
    }

    private static func reason(_ verdict: Verdict, away: @autoclosure () -> PassReason?) -> PassReason? {
        switch verdict {
        case .chosen: nil
        case .away: away()
        case .atCapacity(let open, let capacity): .atCapacity(open: open, capacity: capacity)
        case .notNextInTurn: .notNextInTurn
        case .aheadOfShare(let assigned, let weight): .aheadOfShare(assigned: assigned, weight: weight)
        case .higherLoad(let open, let capacity): .higherLoad(open: open, capacity: capacity)
        case .tiedLaterInOrder: .tiedLaterInOrder
        case .previousOwner: .previousOwner
        }
    }
}

extension CandidateList: Hashable {
    /// Equal when the candidates are: the tables behind two lists may differ.
    public static func == (a: CandidateList, b: CandidateList) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for c in self { hasher.combine(c) }
    }
}

extension CandidateList: Codable {
    /// As the array of candidates, so stored decisions read the same either way.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Candidate].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Array(self))
    }
}
