/// The team's routing policy, loaded from one YAML file and validated.
///
/// Owners and pools are also indexed by position so the router works on integers, not names.
public struct Rulebook: Sendable {
    /// Hash of the canonical content: comments and formatting do not change it.
    public var version: String { didSet { indexWords() } }
    public var name: String
    public var zone: ZoneClock
    public var owners: [Owner] { didSet { reindex() } }
    public var pools: [Pool] { didSet { reindex() } }
    public var readiness: ReadinessPolicy
    public var duplicates: DuplicatePolicy { didSet { reindex() } }
    public var accounts: AccountMatching
    public var routes: [Route] { didSet { reindex() } }
    public var fallback: Fallback?
    public var sla: SLAPolicy?
    /// Who may do what (`people:`); nil when the rulebook names no one, and everyone is a lead.
    public var people: People?

    public private(set) var ownerIndex: [String: Int] = [:]
    public private(set) var poolIndex: [String: Int] = [:]
    /// `poolMembers[p]` lists owner indexes of pool `p`, in member order.
    public private(set) var poolMembers: [[Int]] = []
    /// `routePool[r]` is the pool index of route `r`.
    public private(set) var routePool: [Int] = []
    /// Owner fields the router reads per candidate, as flat arrays by owner index.
    public private(set) var roster = Roster(owners: [])
    /// Which routes can match a lead, by the field most routes test (usually country).
    public private(set) var routeIndex = RouteIndex(routes: [])
    /// `routeReasons[r]` says why route `r` matched a lead.
    private(set) var routeReasons: [RouteReasons] = []
    /// `ownerIndex` in a table hashed for short keys: account owners are looked up for every lead routed
    /// to an `account_owner` pool.
    private(set) var ownerTable = StringTable<Int>()
    /// The fixed parts of exception details, written once rather than for every lead flagged.
    private(set) var phrases = DecisionPhrases()
    /// The strings its decisions repeat, which the store codes them with (registered for the version).
    public private(set) var words: DecisionWords?

    public init(
        version: String, name: String, zone: ZoneClock = .utc, owners: [Owner], pools: [Pool],
        readiness: ReadinessPolicy = ReadinessPolicy(), duplicates: DuplicatePolicy = DuplicatePolicy(),
        accounts: AccountMatching = AccountMatching(), routes: [Route], fallback: Fallback? = nil, sla: SLAPolicy? = nil,
        people: People? = nil
    ) {
        self.version = version
        self.name = name
        self.zone = zone
        self.owners = owners
        self.pools = pools
        self.readiness = readiness
        self.duplicates = duplicates
        self.accounts = accounts
        self.routes = routes
        self.fallback = fallback
        self.sla = sla
        self.people = people
        reindex()
    }

    private mutating func reindex() {
        ownerIndex = Dictionary(owners.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var table = StringTable<Int>(minimumCapacity: ownerIndex.count)
        for (id, index) in ownerIndex { table.set(index, for: id) }
        ownerTable = table
        poolIndex = Dictionary(pools.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        poolMembers = pools.map { $0.members.compactMap { ownerIndex[$0] } }
        routePool = routes.map { poolIndex[$0.pool] ?? -1 }
        routeIndex = RouteIndex(routes: routes)
        routeReasons = routes.map { RouteReasons($0.when) }
        roster = Roster(owners: owners)
        phrases = DecisionPhrases(self)
        indexWords()
    }

    private mutating func indexWords() {
        let words = DecisionWords(self)
        DecisionWords.register(words)
        self.words = words
    }

    /// What `person` may do under this rulebook.
    public func role(of person: String) -> Role { people?.role(of: person) ?? .lead }

    public func owner(_ id: String) -> Owner? { ownerIndex[id].map { owners[$0] } }
    public func pool(_ name: String) -> Pool? { poolIndex[name].map { pools[$0] } }
}

/// Owner ids, capacities (`Int.max` for none) and weights by owner index.
public struct Roster: Sendable {
    public let id: [String]
    public let capacity: [Int]
    public let weight: [Int]

    init(owners: [Owner]) {
        id = owners.map(\.id)
        capacity = owners.map { $0.capacity ?? Int.max }
        weight = owners.map(\.weight)
    }
}
