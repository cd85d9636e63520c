/// The steps the router took for one lead, in order, with every owner it considered.
public struct Trace: Sendable, Hashable, Codable {
    public var steps: [TraceStep]
    public init(steps: [TraceStep] = []) { self.steps = steps }
}

public enum TraceStep: Sendable, Hashable, Codable {
    /// Values that could not be understood and were treated as missing.
    case unreadable([FieldProblem])
    /// A readiness check failed.
    case notReady(ExceptionReason, detail: String)
    case duplicate(of: String, key: String, ignored: Bool)
    case account(domain: String, name: String, owner: String?)
    /// The first route whose conditions held, and the facts that made them hold.
    case route(name: String, because: [MatchFact], mode: RouteMode)
    /// No route matched; how many were tried.
    case noRoute(tried: Int)
    /// For a lead no route matched: why each route did not, in order (only on this rare path).
    case misses([RouteMiss])
    /// The rulebook's fallback sent the lead to a pool.
    case fallbackPool(String)
    /// An `account_owner` pool could not use the account owner and handed over to its fallback pool.
    case handover(from: String, to: String, because: String)
    /// A pool picked an owner (or none) from its members.
    case pool(name: String, method: DistributionMethod, candidates: CandidateList)
}

/// One owner the router considered, and what it concluded about them.
public struct Candidate: Sendable, Hashable, Codable {
    public var owner: String
    public var open: Int
    public var capacity: Int?
    /// Nil for the chosen owner; otherwise the first reason they were passed over.
    public var passedOver: PassReason?

    public init(owner: String, open: Int, capacity: Int?, passedOver: PassReason?) {
        self.owner = owner
        self.open = open
        self.capacity = capacity
        self.passedOver = passedOver
    }
}

/// Why an owner was not chosen. The first reason found is the one recorded.
public enum PassReason: Sendable, Hashable, Codable {
    case inactive
    case outOfOffice(until: String)
    case holiday(name: String, day: String)
    /// "paused by lena: lunch"
    case paused(text: String)
    case offHours(local: String, zone: String)
    case atCapacity(open: Int, capacity: Int)
    /// Eligible, but another member was next in turn (round robin).
    case notNextInTurn
    /// Eligible, but further ahead of their weighted share.
    case aheadOfShare(assigned: Int, weight: Int)
    /// Eligible, but with a higher load relative to capacity (load balanced).
    case higherLoad(open: Int, capacity: Int?)
    /// Eligible and exactly tied with the chosen owner, who is listed earlier in the pool.
    case tiedLaterInOrder
    /// Owned this lead before (re-routing never returns a lead to a recent owner).
    case previousOwner

    /// Whether this reason is about capacity alone.
    public var isCapacity: Bool { if case .atCapacity = self { true } else { false } }
}

/// One fact that made a route's condition hold. Kept as parts, not text, because it is recorded for every
/// decision and read far less often; `description` gives "employees 4,200 >= 1000".
public struct MatchFact: Sendable, Hashable, Codable, CustomStringConvertible {
    public var field: String
    public var text: String?
    public var number: Double?
    public var flag: Bool?
    /// The test, when the value alone does not say it: ">= 1000", "between 50 and 199", "present".
    public var test: String?

    public init(field: String, text: String? = nil, number: Double? = nil, flag: Bool? = nil, test: String? = nil) {
        self.field = field
        self.text = text
        self.number = number
        self.flag = flag
        self.test = test
    }

    public var description: String {
        if let flag {
            let label = LeadField(name: field)?.label ?? field
            return flag ? label : "no " + label
        }
        var out = field
        if let text { out += " " + text } else if let number { out += " " + NumberText.grouped(number) }
        if let test { out += " " + test }
        return out
    }
}

/// Why one route did not match a lead: "employees is 951, wanted < 200".
public struct RouteMiss: Sendable, Hashable, Codable {
    public var route: String
    public var why: String

    public init(route: String, why: String) {
        self.route = route
        self.why = why
    }
}
