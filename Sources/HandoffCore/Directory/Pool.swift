/// How a pool picks one of its members.
public enum DistributionMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// In turn, skipping members who cannot take a lead now.
    case roundRobin = "round_robin"
    /// In proportion to each member's weight, over time.
    case weighted
    /// The member with the lowest open load relative to capacity.
    case loadBalanced = "load_balanced"
    /// The matched account's owner; otherwise the fallback pool.
    case accountOwner = "account_owner"
}

/// A named set of owners and the way leads are shared among them.
public struct Pool: Sendable, Hashable {
    public var name: String
    public var method: DistributionMethod
    /// Owner ids, in the order ties are broken.
    public var members: [String]
    /// For `account_owner`: where a lead goes when its account has no available owner.
    public var fallbackPool: String?
    /// What a member who could not take leads for a while is owed when they can again.
    public var catchUp: CatchUp

    public init(name: String, method: DistributionMethod, members: [String] = [], fallbackPool: String? = nil, catchUp: CatchUp = .none) {
        self.name = name
        self.method = method
        self.members = members
        self.fallbackPool = fallbackPool
        self.catchUp = catchUp
    }
}

/// How a pool treats the leads a member missed while unavailable (off hours, out of office, on holiday,
/// paused, inactive) once they are available again. Applies to `round_robin` and `weighted` pools, whose
/// fairness is a share of the pool's leads; a `load_balanced` pool balances open load instead.
public enum CatchUp: Sendable, Hashable, CustomStringConvertible {
    /// Missed leads are forgiven: the member rejoins at their normal share, neither flooded nor starved.
    case none
    /// The member is given up to N leads beyond their share until they have caught up; the rest is forgiven.
    case capped(Int)
    /// The member is given every missed lead back before others get theirs.
    case full

    public var description: String {
        switch self {
        case .none: "none"
        case .capped(let n): "capped \(n)"
        case .full: "full"
        }
    }

    /// The most a member may be behind their share, in thousandths of a lead; nil for no limit.
    var limitMilli: Int? {
        switch self {
        case .none: 0
        case .capped(let n): n * 1_000
        case .full: nil
        }
    }
}
