import Foundation

/// One case of a rulebook's tests: a lead, the moment it arrives, the circumstances around it, and what
/// the router must conclude. Cases are written in a YAML file beside the rulebook (docs/RULEBOOK.md,
/// "Tests") and run through the real router by `handoff rules test`.
public struct RuleCase: Sendable, Hashable {
    public var name: String
    /// Where the case starts in its file, for failures people can jump to.
    public var line: Int
    public var column: Int
    public var lead: Lead
    /// When the lead arrives, and the moment the router decides at.
    public var at: Date
    public var given: Circumstances
    public var expect: Expectations

    public init(name: String, line: Int, column: Int, lead: Lead, at: Date, given: Circumstances = Circumstances(), expect: Expectations) {
        self.name = name
        self.line = line
        self.column = column
        self.lead = lead
        self.at = at
        self.given = given
        self.expect = expect
    }
}

/// What the router sees besides the lead: by default nobody has open leads, nobody is paused or away
/// beyond what the rulebook says, no account is known, no earlier lead exists, and every pool's turn
/// and ledger start fresh.
public struct Circumstances: Sendable, Hashable {
    /// Open leads per owner id.
    public var load: [String: Int] = [:]
    /// Owners an operator paused: who paused them and why (`by` is "an operator" unless given).
    public var paused: [String: PauseGiven] = [:]
    /// Owners out of office at the case's moment, beyond the rulebook's own windows: owner id to the
    /// local dates away, inclusive (nil: the day of the case's moment on the owner's clock).
    public var away: [String: AwayDays?] = [:]
    public var accounts: [Account] = []
    /// Leads received before this one, for the duplicate check.
    public var earlier: [Lead] = []
    /// Each pool's turn and fairness ledger, by pool name.
    public var pools: [String: PoolGiven] = [:]

    public init() {}

    public var isEmpty: Bool { self == Circumstances() }
}

/// Why an owner is paused, and by whom, as the console shows it ("paused by lena: lunch").
public struct PauseGiven: Sendable, Hashable {
    public var reason: String
    public var by: String

    public init(reason: String, by: String = "an operator") {
        self.reason = reason
        self.by = by
    }
}

/// Local calendar dates, `from` through `until` inclusive.
public struct AwayDays: Sendable, Hashable {
    public var from: LocalTime
    public var until: LocalTime

    public init(from: LocalTime, until: LocalTime) {
        self.from = from
        self.until = until
    }
}

/// A pool's state before the case: whose turn it is (round robin) and what each member has been given
/// and forgiven (weighted shares and catch-up).
public struct PoolGiven: Sendable, Hashable {
    public var turn: String?
    /// Leads given through the pool, by owner id.
    public var given: [String: Int] = [:]
    /// Thousandths of a lead the catch-up policy forgave, by owner id.
    public var forgiven: [String: Int] = [:]

    public init(turn: String? = nil, given: [String: Int] = [:], forgiven: [String: Int] = [:]) {
        self.turn = turn
        self.given = given
        self.forgiven = forgiven
    }
}

/// What must hold of the decision; every expectation left out holds whatever happens.
public struct Expectations: Sendable, Hashable {
    /// A route name, or `.nothing` for "no route matched".
    public var route: Named?
    public var pool: Named?
    public var owner: OwnerExpectation?
    /// An exception reason code, or `.nothing` for "assigned without a person".
    public var exception: Named?
    public var mode: RouteMode?

    public init(route: Named? = nil, pool: Named? = nil, owner: OwnerExpectation? = nil, exception: Named? = nil, mode: RouteMode? = nil) {
        self.route = route
        self.pool = pool
        self.owner = owner
        self.exception = exception
        self.mode = mode
    }

    public var isEmpty: Bool { self == Expectations() }
}

/// A name, or none at all.
public enum Named: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case nothing

    public init(_ value: String?) { self = value.map(Named.name) ?? .nothing }

    public var description: String {
        switch self {
        case .name(let name): name
        case .nothing: "none"
        }
    }
}

/// Who may end up owning (or proposed to own) the lead.
public enum OwnerExpectation: Sendable, Hashable, CustomStringConvertible {
    /// One of these owners.
    case oneOf([String])
    /// Anyone but these (including nobody).
    case noneOf([String])
    /// Nobody: no owner assigned or proposed.
    case nobody

    public var description: String {
        switch self {
        case .oneOf(let ids): ids.count == 1 ? ids[0] : "one of " + ids.joined(separator: ", ")
        case .noneOf(let ids): "not " + ids.joined(separator: " or ")
        case .nobody: "none"
        }
    }
}
