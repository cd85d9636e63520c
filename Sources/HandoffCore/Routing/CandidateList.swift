/// The members one pool considered, in member order: a collection of `Candidate`s.
///
/// Every decision records one entry for each of ~25 pool members, so entries are plain numbers: the owner
/// as an index into a table of ids, the verdict as a small value. Reasons that carry text (off hours,
/// holiday, paused, ...) are read from a second table by the same index. The router passes the rulebook's
/// ids and the context's away reasons as the tables, shared rather than copied, so a list costs one
/// allocation to build and nothing per entry to copy or destroy. Read as a collection, it is the array of
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

    private var entries: [Entry]
    private let ids: [String]
    private let awayReasons: [PassReason?]

    /// An empty list whose entries will index `ids` and `awayReasons` (by owner index).
    init(ids: [String], awayReasons: [PassReason?], capacity: Int) {
        entries = []
        entries.reserveCapacity(capacity)
        self.ids = ids
        self.awayReasons = awayReasons
    }

    /// Records owner `owner` (an index into the tables); `.away` takes the reason from `awayReasons[owner]`.
    @inline(__always)
    mutating func append(owner: Int, open: Int, capacity: Int?, verdict: Verdict) {
        entries.append(Entry(owner: Int32(truncatingIfNeeded: owner), open: open, capacity: capacity, verdict: verdict))
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
        self.entries = entries
        self.ids = ids
        awayReasons = away
    }

    public init(arrayLiteral elements: Candidate...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(position: Int) -> Candidate {
        let e = entries[position]
        return Candidate(owner: ids[Int(e.owner)], open: e.open, capacity: e.capacity, passedOver: reason(e))
    }

    /// Whether the member at `position` was passed over, without building the reason.
    func wasPassedOver(_ position: Int) -> Bool {
        if case .chosen = entries[position].verdict { false } else { true }
    }

    private func reason(_ e: Entry) -> PassReason? {
        switch e.verdict {
        case .chosen: nil
        case .away: awayReasons[Int(e.owner)]
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
