import Foundation

/// What the router concluded for one lead: an owner assigned, or an exception (with a proposed owner
/// when one could be found), and the trace that explains it.
public struct Decision: Sendable, Hashable, Codable {
    public var leadId: String
    public var rulebookVersion: String
    public var decidedAt: Date
    /// The assigned owner, or for a flagged lead the owner an operator can approve.
    public var owner: String?
    public var route: String?
    public var pool: String?
    /// Why the lead needs a person, most important first; empty when it was assigned.
    public var exceptions: [ExceptionNote]
    public var duplicateOf: String?
    /// Domain of the matched account.
    public var account: String?
    public var trace: Trace
    /// The pool state the owner was picked from, so the decision can be replayed from what it saw.
    public var inputs: DecisionInputs?

    /// Pool and member position of the owner, so applying the decision needs no name lookups.
    var placement: Placement?
    /// The fingerprint of the key under which this lead is remembered for duplicate checks.
    var duplicateFingerprint: UInt64?
    /// What the pool forgave members who missed this lead (fairness ledger entries; not part of the trace).
    public var excused: [Excuse] { placement?.excused ?? [] }

    public var isAssigned: Bool { exceptions.isEmpty && owner != nil }
    public var reason: ExceptionReason? { exceptions.first?.reason }

    enum CodingKeys: String, CodingKey {
        case leadId, rulebookVersion, decidedAt, owner, route, pool, exceptions, duplicateOf, account, trace, inputs
    }
}

struct Placement: Sendable, Hashable {
    var pool: Int
    var member: Int
    var owner: Int
    /// Shares of this lead forgiven to members who could not take it (the pool's catch-up policy).
    var excused: [Excuse] = []
}

/// Part of a lead a pool member missed while unavailable and is not owed back, in thousandths of a lead.
public struct Excuse: Sendable, Hashable {
    /// Member position in the pool.
    var member: Int
    public var owner: String
    public var milli: Int
}

/// What a decision read besides the lead, the rulebook and the time that the trace does not already
/// hold (accounts, duplicates, owners' open loads and availability are in the trace).
public struct DecisionInputs: Sendable, Hashable, Codable {
    // Nearly every decision consults one pool: its standing already holds the pool's turn and ledger as
    // they were, so recording them allocates nothing and keeps none of the routing state's arrays.
    private var judged: PoolStanding?
    private var first: PoolInput?
    private var rest: [PoolInput] = []

    public init(pools: [PoolInput] = []) { self.pools = pools }

    /// The pools consulted, in order.
    public var pools: [PoolInput] {
        get {
            var out: [PoolInput] = []
            forEach { out.append($0) }
            return out
        }
        set {
            judged = nil
            first = newValue.first
            rest = Array(newValue.dropFirst())
        }
    }

    /// The pools in order without building an array (the encoder runs for every stored decision).
    func forEach(_ body: (PoolInput) -> Void) {
        if let judged { body(judged.input) } else if let first { body(first) }
        for input in rest { body(input) }
    }

    /// How many pools were consulted.
    var count: Int { (judged != nil || first != nil ? 1 : 0) + rest.count }

    /// Each pool's name, turn, and leads given and forgiven by member position, read in place: the
    /// encoders run for every stored decision, and `forEach` makes two arrays for a standing.
    func forEachInPlace(_ body: (_ pool: String, _ cursor: Int, _ assigned: UnsafeBufferPointer<Int>, _ excused: UnsafeBufferPointer<Int>) -> Void) {
        if let judged {
            judged.read { h, numbers in
                let n = numbers.n
                body(h.frame.name, h.cursor, UnsafeBufferPointer(start: numbers.base + n, count: n), UnsafeBufferPointer(start: numbers.base + 2 * n, count: n))
            }
        } else if let first {
            first.assigned.withUnsafeBufferPointer { a in first.excused.withUnsafeBufferPointer { e in body(first.pool, first.cursor, a, e) } }
        }
        for input in rest {
            input.assigned.withUnsafeBufferPointer { a in input.excused.withUnsafeBufferPointer { e in body(input.pool, input.cursor, a, e) } }
        }
    }

    mutating func append(_ input: PoolInput) {
        if judged == nil && first == nil { first = input } else { rest.append(input) }
    }

    /// Records the pool a standing judged, read from the standing when asked for.
    mutating func append(_ standing: PoolStanding) {
        if judged == nil && first == nil { judged = standing } else { rest.append(standing.input) }
    }

    public static func == (a: DecisionInputs, b: DecisionInputs) -> Bool { a.pools == b.pools }
    public func hash(into hasher: inout Hasher) { hasher.combine(pools) }

    enum CodingKeys: String, CodingKey { case pools }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(pools: try container.decode([PoolInput].self, forKey: .pools))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pools, forKey: .pools)
    }
}

/// A pool's share state when the router consulted it.
public struct PoolInput: Sendable, Hashable, Codable {
    public var pool: String
    /// The member position whose turn it was (round robin).
    public var cursor: Int
    /// Leads given through the pool, and thousandths forgiven, per member position.
    public var assigned: [Int]
    public var excused: [Int]

    public init(pool: String, cursor: Int, assigned: [Int], excused: [Int]) {
        self.pool = pool
        self.cursor = cursor
        self.assigned = assigned
        self.excused = excused
    }
}

/// One reason a lead was flagged, with the detail a person needs ("missing company").
public struct ExceptionNote: Sendable, Hashable, Codable {
    public var reason: ExceptionReason
    public var detail: String

    public init(_ reason: ExceptionReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
